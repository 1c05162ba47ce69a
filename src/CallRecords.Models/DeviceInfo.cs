namespace CallRecords;

/// <summary>
/// The audio devices of one end of a media stream and what they did (Graph deviceInfo): names and drivers, and the
/// device events that tell a bad device from a bad network. Ratios are the share of the stream, from 0 to 1.
/// </summary>
public sealed class DeviceInfo
{
    /// <summary>Gets or sets the microphone name.</summary>
    public string? CaptureDeviceName { get; set; }

    /// <summary>Gets or sets the microphone driver.</summary>
    public string? CaptureDeviceDriver { get; set; }

    /// <summary>Gets or sets the speaker name.</summary>
    public string? RenderDeviceName { get; set; }

    /// <summary>Gets or sets the speaker driver.</summary>
    public string? RenderDeviceDriver { get; set; }

    /// <summary>Gets or sets the share of the stream in which the microphone was not working.</summary>
    public double? CaptureNotFunctioningEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream in which the speaker was not working.</summary>
    public double? RenderNotFunctioningEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream with too little CPU (Graph spells it cpuInsufficentEventRatio).</summary>
    public double? CpuInsufficentEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream in which the microphone clipped.</summary>
    public double? DeviceClippingEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream with glitches or gaps from the device.</summary>
    public double? DeviceGlitchEventRatio { get; set; }

    /// <summary>Gets or sets how often howling or screeching was heard.</summary>
    public int? HowlingEventCount { get; set; }

    /// <summary>Gets or sets the root mean square of the incoming signal over the first 30 seconds at most.</summary>
    public double? InitialSignalLevelRootMeanSquare { get; set; }

    /// <summary>Gets or sets the share of the stream with speech too quiet.</summary>
    public double? LowSpeechLevelEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream with speech too close to the noise.</summary>
    public double? LowSpeechToNoiseEventRatio { get; set; }

    /// <summary>Gets or sets the microphone glitches per 5 minutes.</summary>
    public double? MicGlitchRate { get; set; }

    /// <summary>Gets or sets the speaker glitches per 5 minutes.</summary>
    public double? SpeakerGlitchRate { get; set; }

    /// <summary>Gets or sets the average energy of the noise received.</summary>
    public int? ReceivedNoiseLevel { get; set; }

    /// <summary>Gets or sets the average energy of the signal received.</summary>
    public int? ReceivedSignalLevel { get; set; }

    /// <summary>Gets or sets the average energy of the noise sent.</summary>
    public int? SentNoiseLevel { get; set; }

    /// <summary>Gets or sets the average energy of the signal sent.</summary>
    public int? SentSignalLevel { get; set; }

    /// <summary>Gets or sets the share of the stream with the speaker muted.</summary>
    public double? RenderMuteEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream with the speaker volume at zero.</summary>
    public double? RenderZeroVolumeEventRatio { get; set; }
}
