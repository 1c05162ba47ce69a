using System;

namespace CallRecords;

/// <summary>
/// One media stream of a call, flattened with its context: record, session, segment and media label; caller and
/// callee identity, user agent, network and device; every stream metric (durations in milliseconds); and a
/// quality verdict. One row per stream, so Export-Csv writes it as it is.
/// </summary>
public sealed class CallRecordMediaStream
{
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

    /// <summary>Gets or sets the caller's identity's id.</summary>
    public string? CallerId { get; set; }

    /// <summary>Gets or sets the caller's display name.</summary>
    public string? CallerDisplayName { get; set; }

    /// <summary>Gets or sets the caller's user principal name.</summary>
    public string? CallerUserPrincipalName { get; set; }

    /// <summary>Gets or sets the caller's client platform (windows, macOS, android, web...).</summary>
    public string? CallerPlatform { get; set; }

    /// <summary>Gets or sets the caller's client product family (teams, skypeForBusiness...).</summary>
    public string? CallerProductFamily { get; set; }

    /// <summary>Gets or sets the caller's service role, for a service endpoint (mediationServer, skypeForBusinessAudioVideoMcu...).</summary>
    public string? CallerRole { get; set; }

    /// <summary>Gets or sets the caller's network connection type (wired, wifi, mobile, tunnel).</summary>
    public string? CallerConnectionType { get; set; }

    /// <summary>Gets or sets the caller's Wi-Fi band (frequency24GHz, frequency50GHz...).</summary>
    public string? CallerWifiBand { get; set; }

    /// <summary>Gets or sets the caller's Wi-Fi signal strength in percent.</summary>
    public int? CallerWifiSignalStrength { get; set; }

    /// <summary>Gets or sets the caller's Wi-Fi radio type (wifi80211ac...).</summary>
    public string? CallerWifiRadioType { get; set; }

    /// <summary>Gets or sets the caller's subnet.</summary>
    public string? CallerSubnet { get; set; }

    /// <summary>Gets or sets the caller's IP address.</summary>
    public string? CallerIPAddress { get; set; }

    /// <summary>Gets or sets the caller's reflexive IP address: the address the relay sees, usually the public one.</summary>
    public string? CallerReflexiveIPAddress { get; set; }

    /// <summary>Gets or sets the caller's media relay IP address.</summary>
    public string? CallerRelayIPAddress { get; set; }

    /// <summary>Gets or sets the caller's media relay port.</summary>
    public int? CallerRelayPort { get; set; }

    /// <summary>Gets or sets the caller's transport protocol (udp, tcp).</summary>
    public string? CallerNetworkTransportProtocol { get; set; }

    /// <summary>Gets or sets the caller's link speed in bits per second.</summary>
    public long? CallerLinkSpeed { get; set; }

    /// <summary>Gets or sets the caller's Wi-Fi BSSID.</summary>
    public string? CallerBasicServiceSetIdentifier { get; set; }

    /// <summary>Gets or sets the caller's microphone name.</summary>
    public string? CallerCaptureDeviceName { get; set; }

    /// <summary>Gets or sets the caller's speaker name.</summary>
    public string? CallerRenderDeviceName { get; set; }

    /// <summary>Gets or sets the callee's identity's id.</summary>
    public string? CalleeId { get; set; }

    /// <summary>Gets or sets the callee's display name.</summary>
    public string? CalleeDisplayName { get; set; }

    /// <summary>Gets or sets the callee's user principal name.</summary>
    public string? CalleeUserPrincipalName { get; set; }

    /// <summary>Gets or sets the callee's client platform (windows, macOS, android, web...).</summary>
    public string? CalleePlatform { get; set; }

    /// <summary>Gets or sets the callee's client product family (teams, skypeForBusiness...).</summary>
    public string? CalleeProductFamily { get; set; }

    /// <summary>Gets or sets the callee's service role, for a service endpoint (mediationServer, skypeForBusinessAudioVideoMcu...).</summary>
    public string? CalleeRole { get; set; }

    /// <summary>Gets or sets the callee's network connection type (wired, wifi, mobile, tunnel).</summary>
    public string? CalleeConnectionType { get; set; }

    /// <summary>Gets or sets the callee's Wi-Fi band (frequency24GHz, frequency50GHz...).</summary>
    public string? CalleeWifiBand { get; set; }

    /// <summary>Gets or sets the callee's Wi-Fi signal strength in percent.</summary>
    public int? CalleeWifiSignalStrength { get; set; }

    /// <summary>Gets or sets the callee's Wi-Fi radio type (wifi80211ac...).</summary>
    public string? CalleeWifiRadioType { get; set; }

    /// <summary>Gets or sets the callee's subnet.</summary>
    public string? CalleeSubnet { get; set; }

    /// <summary>Gets or sets the callee's IP address.</summary>
    public string? CalleeIPAddress { get; set; }

    /// <summary>Gets or sets the callee's reflexive IP address: the address the relay sees, usually the public one.</summary>
    public string? CalleeReflexiveIPAddress { get; set; }

    /// <summary>Gets or sets the callee's media relay IP address.</summary>
    public string? CalleeRelayIPAddress { get; set; }

    /// <summary>Gets or sets the callee's media relay port.</summary>
    public int? CalleeRelayPort { get; set; }

    /// <summary>Gets or sets the callee's transport protocol (udp, tcp).</summary>
    public string? CalleeNetworkTransportProtocol { get; set; }

    /// <summary>Gets or sets the callee's link speed in bits per second.</summary>
    public long? CalleeLinkSpeed { get; set; }

    /// <summary>Gets or sets the callee's Wi-Fi BSSID.</summary>
    public string? CalleeBasicServiceSetIdentifier { get; set; }

    /// <summary>Gets or sets the callee's microphone name.</summary>
    public string? CalleeCaptureDeviceName { get; set; }

    /// <summary>Gets or sets the callee's speaker name.</summary>
    public string? CalleeRenderDeviceName { get; set; }

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

    /// <summary>Gets or sets the quality verdict: Good, Poor or Unclassified.</summary>
    public string? Quality { get; set; }

    /// <summary>Gets or sets the rules that made the stream Poor, each with its measured value, such as 'Jitter 41 ms > 30 ms'; or why it is Unclassified.</summary>
    public string? PoorReasons { get; set; }

    /// <summary>Gets or sets the rule set the verdict used: Current or Legacy.</summary>
    public string? QualityRuleSet { get; set; }

    /// <summary>The stream id and its verdict.</summary>
    public override string ToString() => $"{StreamId} {Quality}";
}
