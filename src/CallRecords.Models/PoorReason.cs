using System;
using System.Globalization;

namespace CallRecords;

/// <summary>
/// One rule that fired on a media stream, with the measured value and the threshold it crossed, or the reason
/// the stream could not be judged. Prints as the stream's PoorReasons always have: <c>Jitter 41 ms &gt; 30 ms</c>.
/// </summary>
public sealed class PoorReason
{
    /// <summary>Creates a reason.</summary>
    public PoorReason(QualityRule rule, double? value = null, double? threshold = null)
    {
        Rule = rule;
        Value = value;
        Threshold = threshold;
    }

    /// <summary>Gets the rule that fired, or why the stream is Unclassified.</summary>
    public QualityRule Rule { get; }

    /// <summary>Gets the measured value, in the rule's unit; empty for a missing metric.</summary>
    public double? Value { get; }

    /// <summary>Gets the threshold or floor the value crossed, in the same unit.</summary>
    public double? Threshold { get; }

    /// <summary>The rule's name as reports show it: Round trip, Jitter, Frame rate...</summary>
    public static string NameOf(QualityRule rule) => rule switch
    {
        QualityRule.RoundTrip => "Round trip",
        QualityRule.PacketLossRate => "Packet loss rate",
        QualityRule.Jitter => "Jitter",
        QualityRule.AudioDegradation => "Audio degradation",
        QualityRule.ConcealedSamplesRatio => "Concealed samples ratio",
        QualityRule.VideoFrameLoss => "Video frame loss",
        QualityRule.FrameRate => "Frame rate",
        QualityRule.PostFecPacketLossRate => "Post-FEC packet loss rate",
        QualityRule.PacketUtilizationFloor => "Packet utilization",
        QualityRule.NoPacketUtilization => "No packet utilization",
        QualityRule.NoAudioMetrics => "No round trip, packet loss or jitter",
        QualityRule.NoVideoMetrics => "No frame loss, frame rate or post-FEC packet loss",
        _ => "No published rules for this media type",
    };

    /// <summary>The rule, its value and threshold, such as 'Jitter 41 ms &gt; 30 ms' or 'Packet utilization 400 &lt;= 500'.</summary>
    public override string ToString()
    {
        var name = NameOf(Rule);
        return Rule switch
        {
            QualityRule.RoundTrip or QualityRule.Jitter => $"{name} {Format(Value)} ms > {Format(Threshold)} ms",
            QualityRule.PacketLossRate or QualityRule.AudioDegradation or QualityRule.ConcealedSamplesRatio or QualityRule.PostFecPacketLossRate => $"{name} {Format(Value)} > {Format(Threshold)}",
            QualityRule.VideoFrameLoss => $"{name} {Format(Value)}% > {Format(Threshold)}%",
            QualityRule.FrameRate => $"{name} {Format(Value)} fps < {Format(Threshold)} fps",
            QualityRule.PacketUtilizationFloor => $"{name} {Format(Value)} <= {Format(Threshold)}",
            _ => name,
        };
    }

    private static string Format(double? value) =>
        value is { } v ? Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture) : "";
}
