namespace CallRecords;

/// <summary>
/// A rule of the stream classification that made a stream Poor, or the reason it could not be judged
/// (Unclassified).
/// </summary>
public enum QualityRule
{
    /// <summary>Audio: the average round trip time is above its threshold.</summary>
    RoundTrip,

    /// <summary>Audio: the average packet loss rate is above its threshold.</summary>
    PacketLossRate,

    /// <summary>Audio: the average jitter is above its threshold.</summary>
    Jitter,

    /// <summary>Audio (legacy rules): the network MOS degradation is above its threshold.</summary>
    AudioDegradation,

    /// <summary>Audio (legacy rules): the ratio of concealed samples is above its threshold.</summary>
    ConcealedSamplesRatio,

    /// <summary>Video and screen sharing: the share of frames lost is above its threshold.</summary>
    VideoFrameLoss,

    /// <summary>Video and screen sharing: the frame rate is below its floor.</summary>
    FrameRate,

    /// <summary>Video and screen sharing: the packet loss rate after forward error correction is above its threshold.</summary>
    PostFecPacketLossRate,

    /// <summary>Unclassified: an audio stream that sent no more packets than the floor.</summary>
    PacketUtilizationFloor,

    /// <summary>Unclassified: an audio stream without a packet count, under rules with a packet floor.</summary>
    NoPacketUtilization,

    /// <summary>Unclassified: an audio stream without round trip, packet loss or jitter.</summary>
    NoAudioMetrics,

    /// <summary>Unclassified: a video or screen-sharing stream without frame loss, frame rate or post-FEC packet loss.</summary>
    NoVideoMetrics,

    /// <summary>Unclassified: a media type (data, unknown) for which no rules are published.</summary>
    NoRulesForMediaType,
}
