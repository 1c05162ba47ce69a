using System;
using CallRecords.Columns;

namespace CallRecords;

/// <summary>
/// One media stream of a call, flattened with its context: record, session, segment and media label; caller and
/// callee endpoint (Caller*/Callee* columns: identity, user agent, network and device); every stream metric (durations in milliseconds); and a
/// quality verdict. One row per stream, so Export-Csv writes it as it is.
/// </summary>
public sealed class CallRecordMediaStream
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the id of the call record.</summary>
    public string? CallRecordId { get; set; }

    /// <summary>Gets or sets the id of the session.</summary>
    public string? SessionId { get; set; }

    /// <summary>Gets or sets the id of the segment.</summary>
    public string? SegmentId { get; set; }

    /// <summary>Gets or sets the media label from negotiation, such as main-audio or main-video.</summary>
    public string? MediaLabel { get; set; }

    /// <summary>Gets or sets the kind of media the label names: audio, video, videoBasedScreenSharing, applicationSharing, data or unknown.</summary>
    public string? MediaType { get; set; }

    /// <summary>Gets or sets the stream id.</summary>
    public string? StreamId { get; set; }

    /// <summary>Gets or sets the direction: callerToCallee or calleeToCaller.</summary>
    public string? StreamDirection { get; set; }

    /// <summary>Gets or sets the start of the stream.</summary>
    public DateTimeOffset? StartDateTime { get; set; }

    /// <summary>Gets or sets the end of the stream.</summary>
    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>Gets or sets the caller endpoint of the stream's segment.</summary>
    [Flatten("Caller")]
    internal CallEndpoint Caller { get; set; } = new CallEndpoint();

    /// <summary>Gets or sets the caller's network.</summary>
    [Flatten("Caller")]
    internal NetworkInfo CallerNetwork { get; set; } = new NetworkInfo();

    /// <summary>Gets or sets the caller's devices.</summary>
    [Flatten("Caller")]
    internal DeviceInfo CallerDevice { get; set; } = new DeviceInfo();

    /// <summary>Gets or sets the callee endpoint of the stream's segment.</summary>
    [Flatten("Callee")]
    internal CallEndpoint Callee { get; set; } = new CallEndpoint();

    /// <summary>Gets or sets the callee's network.</summary>
    [Flatten("Callee")]
    internal NetworkInfo CalleeNetwork { get; set; } = new NetworkInfo();

    /// <summary>Gets or sets the callee's devices.</summary>
    [Flatten("Callee")]
    internal DeviceInfo CalleeDevice { get; set; } = new DeviceInfo();

    /// <summary>Gets or sets the audio codec.</summary>
    public string? AudioCodec { get; set; }

    /// <summary>Gets or sets the video codec.</summary>
    public string? VideoCodec { get; set; }

    /// <summary>Gets or sets the average network MOS degradation.</summary>
    public double? AverageAudioDegradation { get; set; }

    /// <summary>Gets or sets the average audio network jitter, in milliseconds.</summary>
    public double? AverageAudioNetworkJitterMs { get; set; }

    /// <summary>Gets or sets the maximum audio network jitter over 20-second windows, in milliseconds.</summary>
    public double? MaxAudioNetworkJitterMs { get; set; }

    /// <summary>Gets or sets the average RFC 3550 jitter, in milliseconds.</summary>
    public double? AverageJitterMs { get; set; }

    /// <summary>Gets or sets the maximum RFC 3550 jitter, in milliseconds.</summary>
    public double? MaxJitterMs { get; set; }

    /// <summary>Gets or sets the average round trip time, in milliseconds.</summary>
    public double? AverageRoundTripTimeMs { get; set; }

    /// <summary>Gets or sets the maximum round trip time, in milliseconds.</summary>
    public double? MaxRoundTripTimeMs { get; set; }

    /// <summary>Gets or sets the average packet loss rate (0 to 1).</summary>
    public double? AveragePacketLossRate { get; set; }

    /// <summary>Gets or sets the maximum packet loss rate (0 to 1).</summary>
    public double? MaxPacketLossRate { get; set; }

    /// <summary>Gets or sets the average ratio of concealed audio samples.</summary>
    public double? AverageRatioOfConcealedSamples { get; set; }

    /// <summary>Gets or sets the maximum ratio of concealed audio samples.</summary>
    public double? MaxRatioOfConcealedSamples { get; set; }

    /// <summary>Gets or sets the average bandwidth estimate, in bits per second.</summary>
    public long? AverageBandwidthEstimate { get; set; }

    /// <summary>Gets or sets the packets sent or received.</summary>
    public long? PacketUtilization { get; set; }

    /// <summary>Gets or sets the average received video frame rate, in frames per second.</summary>
    public double? AverageReceivedFrameRate { get; set; }

    /// <summary>Gets or sets the average video frame rate, in frames per second.</summary>
    public double? AverageVideoFrameRate { get; set; }

    /// <summary>Gets or sets the average share of video frames lost, in percent.</summary>
    public double? AverageVideoFrameLossPercentage { get; set; }

    /// <summary>Gets or sets the average video packet loss rate.</summary>
    public double? AverageVideoPacketLossRate { get; set; }

    /// <summary>Gets or sets the average video freeze duration, in milliseconds.</summary>
    public double? AverageFreezeDurationMs { get; set; }

    /// <summary>Gets or sets the root mean square of video freeze durations, in milliseconds.</summary>
    public double? RmsFreezeDurationMs { get; set; }

    /// <summary>Gets or sets the share of the call with a frame rate below 7.5 fps.</summary>
    public double? LowFrameRateRatio { get; set; }

    /// <summary>Gets or sets the share of the call with less than 70% of the expected video processing.</summary>
    public double? LowVideoProcessingCapabilityRatio { get; set; }

    /// <summary>Gets or sets the packet loss rate after forward error correction.</summary>
    public double? PostForwardErrorCorrectionPacketLossRate { get; set; }

    /// <summary>Gets or sets the whether audio forward error correction was used.</summary>
    public bool? IsAudioForwardErrorCorrectionUsed { get; set; }

    /// <summary>Gets or sets the whether media bypassed the Mediation Server.</summary>
    public bool? WasMediaBypassed { get; set; }

    /// <summary>Gets the quality verdict: Good, Poor or Unclassified.</summary>
    public StreamQuality Quality { get; internal set; } = StreamQuality.Unclassified;

    /// <summary>Gets the rules that made the stream Poor, each with its measured value and threshold (printed as 'Jitter 41 ms &gt; 30 ms'); or why it is Unclassified.</summary>
    public ValueList<PoorReason> PoorReasons { get; internal set; } = new ValueList<PoorReason>(Array.Empty<PoorReason>(), "; ");

    /// <summary>Gets the rule set the verdict used: Current or Legacy.</summary>
    public QualityRuleSet QualityRuleSet { get; internal set; }

    /// <summary>This stream judged by another rule set: a copy with that verdict, so a row already handed out never changes.</summary>
    internal CallRecordMediaStream WithVerdict(StreamQuality quality, ValueList<PoorReason> reasons, QualityRuleSet ruleSet)
    {
        var copy = (CallRecordMediaStream)MemberwiseClone();
        copy.Quality = quality;
        copy.PoorReasons = reasons;
        copy.QualityRuleSet = ruleSet;
        return copy;
    }

    /// <summary>The stream id and its verdict.</summary>
    public override string ToString() => $"{StreamId} {Quality}";
}
