namespace CallRecords;

/// <summary>The verdict on a media stream.</summary>
public enum StreamQuality
{
    /// <summary>The stream was judged and no rule fired.</summary>
    Good,

    /// <summary>At least one rule fired.</summary>
    Poor,

    /// <summary>The metrics the rules need are missing, too few packets were sent to judge, or the media type has no published rules.</summary>
    Unclassified,
}
