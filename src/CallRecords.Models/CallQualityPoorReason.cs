namespace CallRecords;

/// <summary>
/// How often one classification rule fired among the poor streams of a call quality report. A stream can
/// break several rules, so the shares of all reasons can add up to more than 1.
/// </summary>
public sealed class CallQualityPoorReason
{
    /// <summary>Gets or sets the rule name, as PoorReasons writes it before the measured value: Jitter, Round trip, Packet loss rate, Frame rate...</summary>
    public string? Reason { get; set; }

    /// <summary>Gets or sets the poor streams in which this rule fired.</summary>
    public long PoorStreams { get; set; }

    /// <summary>Gets or sets PoorStreams divided by all poor streams, from 0 to 1.</summary>
    public double Share { get; set; }

    /// <summary>The reason and its count.</summary>
    public override string ToString() => $"{Reason}: {PoorStreams}";
}
