using System;
using System.Collections.Generic;

namespace CallRecords.Engine.Reporting;

/// <summary>
/// A device or network event Graph reports for one end of a stream, as a share of the stream or a count: present when
/// above zero, absent at zero, not reported when null.
/// </summary>
internal sealed class EventSignal
{
    private readonly Func<CallRecordMediaStream, double?> _valueOf;

    private EventSignal(string name, string source, string property, Func<CallRecordMediaStream, double?> valueOf)
    {
        Name = name;
        Source = source;
        Property = property;
        _valueOf = valueOf;
    }

    /// <summary>Gets every signal the report counts, on the caller's side of each stream (Graph deviceInfo and networkInfo).</summary>
    public static IReadOnlyList<EventSignal> All { get; } = new[]
    {
        Device("Microphone not working", "captureNotFunctioningEventRatio", d => d.CaptureNotFunctioningEventRatio),
        Device("Speaker not working", "renderNotFunctioningEventRatio", d => d.RenderNotFunctioningEventRatio),
        Device("Microphone clipping", "deviceClippingEventRatio", d => d.DeviceClippingEventRatio),
        Device("Device glitches", "deviceGlitchEventRatio", d => d.DeviceGlitchEventRatio),
        Device("Microphone glitches", "micGlitchRate", d => d.MicGlitchRate),
        Device("Speaker glitches", "speakerGlitchRate", d => d.SpeakerGlitchRate),
        Device("Howling or screeching", "howlingEventCount", d => d.HowlingEventCount),
        Device("Speech too quiet", "lowSpeechLevelEventRatio", d => d.LowSpeechLevelEventRatio),
        Device("Speech close to noise", "lowSpeechToNoiseEventRatio", d => d.LowSpeechToNoiseEventRatio),
        Device("Speaker muted", "renderMuteEventRatio", d => d.RenderMuteEventRatio),
        Device("Speaker volume at zero", "renderZeroVolumeEventRatio", d => d.RenderZeroVolumeEventRatio),
        Device("Too little CPU", "cpuInsufficentEventRatio", d => d.CpuInsufficentEventRatio),
        Network("Low bandwidth", "bandwidthLowEventRatio", n => n.BandwidthLowEventRatio),
        Network("Network delay", "delayEventRatio", n => n.DelayEventRatio),
        Network("Poor quality received", "receivedQualityEventRatio", n => n.ReceivedQualityEventRatio),
        Network("Poor quality sent", "sentQualityEventRatio", n => n.SentQualityEventRatio),
    };

    /// <summary>Gets the event as the report names it.</summary>
    public string Name { get; }

    /// <summary>Gets Device or Network.</summary>
    public string Source { get; }

    /// <summary>Gets the Graph property it is read from.</summary>
    public string Property { get; }

    /// <summary>Whether the stream's caller side had the event; null when it did not report the property.</summary>
    public bool? In(CallRecordMediaStream stream) => _valueOf(stream) is { } value ? value > 0 : null;

    private static EventSignal Device(string name, string property, Func<DeviceInfo, double?> valueOf) =>
        new(name, "Device", property, s => s.CallerDevice is { } device ? valueOf(device) : null);

    private static EventSignal Network(string name, string property, Func<NetworkInfo, double?> valueOf) =>
        new(name, "Network", property, s => s.CallerNetwork is { } network ? valueOf(network) : null);
}
