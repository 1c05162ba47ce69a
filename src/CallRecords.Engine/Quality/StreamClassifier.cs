using System;
using System.Collections.Generic;
using System.Globalization;

namespace CallRecords.Engine;

/// <summary>
/// Judges a media stream Good, Poor or Unclassified by Microsoft's published rules (<see cref="QualityThresholds"/>),
/// and says which rules fired with the measured values.
/// </summary>
public static class StreamClassifier
{
    /// <summary>Good: the stream was judged and no rule fired.</summary>
    public const string Good = "Good";

    /// <summary>Poor: at least one rule fired.</summary>
    public const string Poor = "Poor";

    /// <summary>Unclassified: the metrics the rules need are missing, or too few packets were sent to judge.</summary>
    public const string Unclassified = "Unclassified";

    /// <summary>Names the kind of media from its label: main-audio is audio, main-vbss is screen sharing...</summary>
    public static string MediaTypeOf(string? label)
    {
        var text = (label ?? "").ToLowerInvariant();
        if (text.Contains("applicationsharing"))
        {
            return "applicationSharing";
        }

        if (text.Contains("vbss") || text.Contains("screensharing"))
        {
            return "videoBasedScreenSharing";
        }

        if (text.Contains("audio"))
        {
            return "audio";
        }

        if (text.Contains("video"))
        {
            return "video";
        }

        return text.Contains("data") ? "data" : "unknown";
    }

    /// <summary>Sets Quality, PoorReasons and QualityRuleSet on <paramref name="stream"/>.</summary>
    public static void Classify(CallRecordMediaStream stream, QualityThresholds thresholds)
    {
        var (quality, reasons) = (stream.MediaType ?? MediaTypeOf(stream.MediaLabel)) switch
        {
            "audio" => ClassifyAudio(stream, thresholds),
            "video" => ClassifyOrdered(stream, thresholds, thresholds.VideoFrameRate),
            // Graph has no RDP tile metrics; Microsoft's own call-record-insights judges application sharing by the screen-sharing rules.
            "videoBasedScreenSharing" or "applicationSharing" => ClassifyOrdered(stream, thresholds, thresholds.ScreenSharingFrameRate),
            _ => (Unclassified, "No published rules for this media type"),
        };
        stream.Quality = quality;
        stream.PoorReasons = reasons;
        stream.QualityRuleSet = thresholds.RuleSet.ToString();
    }

    private static (string, string?) ClassifyAudio(CallRecordMediaStream stream, QualityThresholds t)
    {
        if (t.AudioPacketUtilizationFloor is { } floor)
        {
            if (stream.PacketUtilization is not { } packets)
            {
                return (Unclassified, "No packet utilization");
            }

            if (packets <= floor)
            {
                return (Unclassified, $"Packet utilization {packets} <= {floor}");
            }
        }

        var measured = 0;
        var reasons = new List<string>();
        Check(stream.AverageRoundTripTimeMs, t.AudioRoundTripMs, "Round trip", " ms", reasons, ref measured);
        Check(stream.AveragePacketLossRate, t.AudioPacketLossRate, "Packet loss rate", "", reasons, ref measured);
        Check(stream.AverageJitterMs, t.AudioJitterMs, "Jitter", " ms", reasons, ref measured);
        if (t.AudioDegradation is { } degradation)
        {
            Check(stream.AverageAudioDegradation, degradation, "Audio degradation", "", reasons, ref measured);
        }

        if (t.AudioConcealedRatio is { } concealed)
        {
            Check(stream.AverageRatioOfConcealedSamples, concealed, "Concealed samples ratio", "", reasons, ref measured);
        }

        return reasons.Count > 0 ? (Poor, string.Join("; ", reasons))
            : measured > 0 ? (Good, null)
            : (Unclassified, "No round trip, packet loss or jitter");
    }

    // Video and screen sharing: the first metric that is present decides.
    private static (string, string?) ClassifyOrdered(CallRecordMediaStream stream, QualityThresholds t, double frameRateFloor)
    {
        if (stream.AverageVideoFrameLossPercentage is { } loss)
        {
            return loss > t.VideoFrameLossPercentage
                ? (Poor, $"Video frame loss {Format(loss)}% > {Format(t.VideoFrameLossPercentage)}%")
                : (Good, null);
        }

        if ((stream.AverageVideoFrameRate ?? stream.AverageReceivedFrameRate) is { } rate)
        {
            return rate < frameRateFloor
                ? (Poor, $"Frame rate {Format(rate)} fps < {Format(frameRateFloor)} fps")
                : (Good, null);
        }

        if (stream.PostForwardErrorCorrectionPacketLossRate is { } postFec)
        {
            return postFec > t.VideoPostFecPacketLossRate
                ? (Poor, $"Post-FEC packet loss rate {Format(postFec)} > {Format(t.VideoPostFecPacketLossRate)}")
                : (Good, null);
        }

        return (Unclassified, "No frame loss, frame rate or post-FEC packet loss");
    }

    private static void Check(double? value, double threshold, string name, string unit, List<string> reasons, ref int measured)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return;
        }

        measured++;
        if (v > threshold)
        {
            reasons.Add($"{name} {Format(v)}{unit} > {Format(threshold)}{unit}");
        }
    }

    private static string Format(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
