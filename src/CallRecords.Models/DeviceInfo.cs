namespace CallRecords;

/// <summary>The audio devices of one end of a media stream (Graph deviceInfo).</summary>
public sealed class DeviceInfo
{
    /// <summary>Gets or sets the microphone name.</summary>
    public string? CaptureDeviceName { get; set; }

    /// <summary>Gets or sets the speaker name.</summary>
    public string? RenderDeviceName { get; set; }
}
