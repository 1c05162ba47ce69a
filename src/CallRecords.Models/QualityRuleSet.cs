namespace CallRecords;

/// <summary>Which published classification to apply to audio streams.</summary>
public enum QualityRuleSet
{
    /// <summary>The current Call Quality Dashboard page: a packet-utilization floor, then round trip, packet loss or jitter.</summary>
    Current,

    /// <summary>The earlier page: degradation, round trip, packet loss, jitter or concealed samples, with no floor.</summary>
    Legacy,
}
