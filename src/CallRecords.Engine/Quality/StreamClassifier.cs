using System.Collections.Generic;

namespace CallRecords.Engine.Quality;

/// <summary>
/// Judges a media stream Good, Poor or Unclassified by Microsoft's published rules (<see cref="QualityThresholds"/>),
/// and says which rules fired with the measured values.
/// </summary>
public static class StreamClassifier
{
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

    /// <summary>Sets the verdict of a stream that has none yet (one the Engine is building).</summary>
    internal static void Classify(CallRecordMediaStream stream, QualityThresholds thresholds)
    {
        var (quality, reasons) = Judge(stream, thresholds);
        stream.Quality = quality;
        stream.PoorReasons = reasons;
        stream.QualityRuleSet = thresholds.RuleSet;
    }

    /// <summary>The stream as <paramref name="thresholds"/> judge it: itself when it was judged by them, else a judged copy.</summary>
    public static CallRecordMediaStream JudgedBy(CallRecordMediaStream stream, QualityThresholds thresholds)
    {
        if (stream.QualityRuleSet == thresholds.RuleSet)
        {
            return stream;
        }

        var (quality, reasons) = Judge(stream, thresholds);
        return stream.WithVerdict(quality, reasons, thresholds.RuleSet);
    }

    private static (StreamQuality, ValueList<PoorReason>) Judge(CallRecordMediaStream stream, QualityThresholds thresholds)
    {
        var (quality, reasons) = (stream.MediaType ?? MediaTypeOf(stream.MediaLabel)) switch
        {
            "audio" => JudgeAudio(stream, thresholds),
            "video" => JudgeOrdered(stream, thresholds, thresholds.VideoFrameRate),
            // Graph has no RDP tile metrics; Microsoft's own call-record insights judges application sharing by the screen-sharing rules.
            "videoBasedScreenSharing" or "applicationSharing" => JudgeOrdered(stream, thresholds, thresholds.ScreenSharingFrameRate),
            _ => (StreamQuality.Unclassified, new List<PoorReason> { new(QualityRule.NoRulesForMediaType) }),
        };
        return (quality, new ValueList<PoorReason>(reasons, "; "));
    }

    private static (StreamQuality, List<PoorReason>) JudgeAudio(CallRecordMediaStream stream, QualityThresholds t)
    {
        if (t.AudioPacketUtilizationFloor is { } floor)
        {
            if (stream.PacketUtilization is not { } packets)
            {
                return Unclassified(QualityRule.NoPacketUtilization);
            }

            if (packets <= floor)
            {
                return (StreamQuality.Unclassified, new List<PoorReason> { new(QualityRule.PacketUtilizationFloor, packets, floor) });
            }
        }

        var measured = 0;
        var reasons = new List<PoorReason>();
        Check(stream.AverageRoundTripTimeMs, t.AudioRoundTripMs, QualityRule.RoundTrip, reasons, ref measured);
        Check(stream.AveragePacketLossRate, t.AudioPacketLossRate, QualityRule.PacketLossRate, reasons, ref measured);
        Check(stream.AverageJitterMs, t.AudioJitterMs, QualityRule.Jitter, reasons, ref measured);
        if (t.AudioDegradation is { } degradation)
        {
            Check(stream.AverageAudioDegradation, degradation, QualityRule.AudioDegradation, reasons, ref measured);
        }

        if (t.AudioConcealedRatio is { } concealed)
        {
            Check(stream.AverageRatioOfConcealedSamples, concealed, QualityRule.ConcealedSamplesRatio, reasons, ref measured);
        }

        return reasons.Count > 0 ? (StreamQuality.Poor, reasons)
            : measured > 0 ? (StreamQuality.Good, reasons)
            : Unclassified(QualityRule.NoAudioMetrics);
    }

    // Video and screen sharing: the first metric that is present decides.
    private static (StreamQuality, List<PoorReason>) JudgeOrdered(CallRecordMediaStream stream, QualityThresholds t, double frameRateFloor)
    {
        if (stream.AverageVideoFrameLossPercentage is { } loss)
        {
            return loss > t.VideoFrameLossPercentage ? Poor(QualityRule.VideoFrameLoss, loss, t.VideoFrameLossPercentage) : Good();
        }

        if ((stream.AverageVideoFrameRate ?? stream.AverageReceivedFrameRate) is { } rate)
        {
            return rate < frameRateFloor ? Poor(QualityRule.FrameRate, rate, frameRateFloor) : Good();
        }

        if (stream.PostForwardErrorCorrectionPacketLossRate is { } postFec)
        {
            return postFec > t.VideoPostFecPacketLossRate ? Poor(QualityRule.PostFecPacketLossRate, postFec, t.VideoPostFecPacketLossRate) : Good();
        }

        return Unclassified(QualityRule.NoVideoMetrics);
    }

    private static (StreamQuality, List<PoorReason>) Good() => (StreamQuality.Good, new List<PoorReason>());

    private static (StreamQuality, List<PoorReason>) Poor(QualityRule rule, double value, double threshold) =>
        (StreamQuality.Poor, new List<PoorReason> { new(rule, value, threshold) });

    private static (StreamQuality, List<PoorReason>) Unclassified(QualityRule rule) =>
        (StreamQuality.Unclassified, new List<PoorReason> { new(rule) });

    private static void Check(double? value, double threshold, QualityRule rule, List<PoorReason> reasons, ref int measured)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return;
        }

        measured++;
        if (v > threshold)
        {
            reasons.Add(new PoorReason(rule, v, threshold));
        }
    }
}
