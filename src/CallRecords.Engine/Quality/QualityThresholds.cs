namespace CallRecords.Engine.Quality;

/// <summary>
/// Microsoft's stream classification thresholds, kept as data in one place. Source: "Stream Classification in
/// Call Quality Dashboard" (learn.microsoft.com/microsoftteams/stream-classification-in-call-quality-dashboard;
/// MicrosoftDocs/OfficeDocs-SkypeForBusiness, Teams/stream-classification-in-call-quality-dashboard.md).
/// A value equal to a threshold is not poor.
/// </summary>
public sealed class QualityThresholds
{
    /// <summary>Where the numbers come from, shown in help and reports.</summary>
    public const string Source = "Microsoft Teams: Stream Classification in Call Quality Dashboard (learn.microsoft.com/microsoftteams/stream-classification-in-call-quality-dashboard)";

    /// <summary>The current page: audio is judged only above 500 packets.</summary>
    public static readonly QualityThresholds Current = new(QualityRuleSet.Current, audioPacketUtilizationFloor: 500, audioDegradation: null, audioConcealedRatio: null);

    /// <summary>The earlier page: no packet floor, plus degradation above 1.0 and concealed samples above 7%.</summary>
    public static readonly QualityThresholds Legacy = new(QualityRuleSet.Legacy, audioPacketUtilizationFloor: null, audioDegradation: 1.0, audioConcealedRatio: 0.07);

    private QualityThresholds(QualityRuleSet ruleSet, long? audioPacketUtilizationFloor, double? audioDegradation, double? audioConcealedRatio)
    {
        RuleSet = ruleSet;
        AudioPacketUtilizationFloor = audioPacketUtilizationFloor;
        AudioDegradation = audioDegradation;
        AudioConcealedRatio = audioConcealedRatio;
    }

    /// <summary>Gets the rule set these thresholds belong to.</summary>
    public QualityRuleSet RuleSet { get; }

    /// <summary>Gets the packet count an audio stream must exceed to be judged at all (null: no floor).</summary>
    public long? AudioPacketUtilizationFloor { get; }

    /// <summary>Gets the audio round trip above which a stream is poor, in milliseconds.</summary>
    public double AudioRoundTripMs { get; } = 500;

    /// <summary>Gets the audio packet loss rate above which a stream is poor.</summary>
    public double AudioPacketLossRate { get; } = 0.1;

    /// <summary>Gets the audio jitter above which a stream is poor, in milliseconds.</summary>
    public double AudioJitterMs { get; } = 30;

    /// <summary>Gets the network MOS degradation above which audio is poor (legacy rules only).</summary>
    public double? AudioDegradation { get; }

    /// <summary>Gets the ratio of concealed samples above which audio is poor (legacy rules only).</summary>
    public double? AudioConcealedRatio { get; }

    /// <summary>Gets the video frame loss above which video and screen sharing are poor, in percent (first rule).</summary>
    public double VideoFrameLossPercentage { get; } = 50;

    /// <summary>Gets the frame rate below which video is poor (second rule).</summary>
    public double VideoFrameRate { get; } = 7;

    /// <summary>Gets the frame rate below which video-based screen sharing is poor (second rule).</summary>
    public double ScreenSharingFrameRate { get; } = 2;

    /// <summary>Gets the post-FEC packet loss rate above which video and screen sharing are poor (third rule).</summary>
    public double VideoPostFecPacketLossRate { get; } = 0.15;

    /// <summary>Gets the thresholds for a rule set.</summary>
    public static QualityThresholds For(QualityRuleSet ruleSet) => ruleSet == QualityRuleSet.Legacy ? Legacy : Current;
}
