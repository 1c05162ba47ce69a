namespace CallRecords;

/// <summary>
/// How often a device or network event was reported on the caller's side of the streams of a call quality report (the
/// microphone not working, glitches, low bandwidth...), and how poor the streams were with it and without it: the
/// events tell a bad device from a bad network.
/// </summary>
public sealed class CallQualitySignal
{
    /// <summary>Gets or sets the event, such as 'Microphone not working' or 'Low bandwidth'.</summary>
    public string? Signal { get; set; }

    /// <summary>Gets or sets what reports it: Device or Network.</summary>
    public string? Source { get; set; }

    /// <summary>Gets or sets the Graph property it is read from, such as captureNotFunctioningEventRatio.</summary>
    public string? Property { get; set; }

    /// <summary>Gets or sets the streams whose caller side reported the property at all.</summary>
    public long Reported { get; set; }

    /// <summary>Gets or sets the streams in which the event happened (a ratio or count above zero).</summary>
    public long Streams { get; set; }

    /// <summary>Gets or sets Streams divided by Reported, from 0 to 1; empty when no stream reported it.</summary>
    public double? Share { get; set; }

    /// <summary>Gets or sets the poor-stream rate of the streams with the event; empty when none was classified.</summary>
    public double? PoorRate { get; set; }

    /// <summary>Gets or sets the poor-stream rate of the streams that reported the property without the event.</summary>
    public double? PoorRateWithout { get; set; }

    /// <summary>The event and its share.</summary>
    public override string ToString() => $"{Signal}: {Streams}/{Reported}";
}
