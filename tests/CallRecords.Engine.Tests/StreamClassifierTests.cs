using CallRecords.Engine.Quality;
using CallRecords.Engine;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Every published threshold edge: a value equal to a threshold is not poor.</summary>
public sealed class StreamClassifierTests
{
    [Theory]
    [InlineData(500.0, 0.0, 0.0, "Good")]
    [InlineData(500.1, 0.0, 0.0, "Poor")]
    [InlineData(0.0, 0.1, 0.0, "Good")]
    [InlineData(0.0, 0.1001, 0.0, "Poor")]
    [InlineData(0.0, 0.0, 30.0, "Good")]
    [InlineData(0.0, 0.0, 30.01, "Poor")]
    public void Audio_is_poor_only_above_each_threshold(double roundTripMs, double packetLoss, double jitterMs, string expected)
    {
        var stream = Audio(packets: 501, roundTripMs, packetLoss, jitterMs);

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(expected, stream.Quality.ToString());
    }

    [Fact]
    public void Audio_names_every_rule_that_fired_with_its_measured_value()
    {
        var stream = Audio(packets: 9000, roundTripMs: 612.5, packetLoss: 0.12, jitterMs: 41);

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(StreamQuality.Poor, stream.Quality);
        Assert.Equal("Round trip 612.5 ms > 500 ms; Packet loss rate 0.12 > 0.1; Jitter 41 ms > 30 ms", stream.PoorReasons.ToString());
        Assert.Equal(QualityRuleSet.Current, stream.QualityRuleSet);
    }

    [Theory]
    [InlineData(500L)]
    [InlineData(12L)]
    public void Audio_at_or_below_the_packet_floor_is_unclassified_under_current_rules(long packets)
    {
        var stream = Audio(packets, roundTripMs: 900, packetLoss: 0.5, jitterMs: 90);

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(StreamQuality.Unclassified, stream.Quality);
        Assert.Equal($"Packet utilization {packets} <= 500", stream.PoorReasons.ToString());
    }

    [Fact]
    public void Audio_without_packet_utilization_is_unclassified_under_current_rules_but_judged_under_legacy_rules()
    {
        var current = Audio(packets: null, roundTripMs: 900, packetLoss: 0, jitterMs: 0);
        var legacy = Audio(packets: null, roundTripMs: 900, packetLoss: 0, jitterMs: 0);

        StreamClassifier.Classify(current, QualityThresholds.Current);
        StreamClassifier.Classify(legacy, QualityThresholds.Legacy);

        Assert.Equal(StreamQuality.Unclassified, current.Quality);
        Assert.Equal(StreamQuality.Poor, legacy.Quality);
        Assert.Equal(QualityRuleSet.Legacy, legacy.QualityRuleSet);
    }

    [Theory]
    [InlineData(1.0, 0.07, "Good")]
    [InlineData(1.01, 0.0, "Poor")]
    [InlineData(0.0, 0.0701, "Poor")]
    public void Legacy_audio_adds_degradation_and_concealed_samples(double degradation, double concealed, string expected)
    {
        var stream = Audio(packets: 10, roundTripMs: 10, packetLoss: 0, jitterMs: 1);
        stream.AverageAudioDegradation = degradation;
        stream.AverageRatioOfConcealedSamples = concealed;

        StreamClassifier.Classify(stream, QualityThresholds.Legacy);

        Assert.Equal(expected, stream.Quality.ToString());
    }

    [Fact]
    public void Degradation_and_concealed_samples_do_not_count_under_current_rules()
    {
        var stream = Audio(packets: 1000, roundTripMs: 10, packetLoss: 0, jitterMs: 1);
        stream.AverageAudioDegradation = 3.5;
        stream.AverageRatioOfConcealedSamples = 0.5;

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(StreamQuality.Good, stream.Quality);
    }

    [Fact]
    public void Audio_with_no_metrics_is_unclassified()
    {
        var stream = new CallRecordMediaStream { MediaType = "audio", PacketUtilization = 5000 };

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(StreamQuality.Unclassified, stream.Quality);
    }

    [Theory]
    [InlineData(50.0, 1.0, 0.9, "Good")]      // frame loss present and not above 50: decides Good even with a low frame rate
    [InlineData(50.5, 30.0, 0.0, "Poor")]     // first rule fires
    [InlineData(null, 7.0, 0.9, "Good")]      // second rule: 7 fps is not below 7
    [InlineData(null, 6.9, 0.0, "Poor")]
    [InlineData(null, null, 0.15, "Good")]    // third rule: equal is not above
    [InlineData(null, null, 0.151, "Poor")]
    [InlineData(null, null, null, "Unclassified")]
    public void Video_takes_the_first_available_metric_in_order(double? frameLoss, double? frameRate, double? postFec, string expected)
    {
        var stream = new CallRecordMediaStream
        {
            MediaType = "video",
            AverageVideoFrameLossPercentage = frameLoss,
            AverageVideoFrameRate = frameRate,
            PostForwardErrorCorrectionPacketLossRate = postFec,
        };

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(expected, stream.Quality.ToString());
    }

    [Theory]
    [InlineData("videoBasedScreenSharing", 2.0, "Good")]
    [InlineData("videoBasedScreenSharing", 1.9, "Poor")]
    [InlineData("applicationSharing", 1.9, "Poor")]
    [InlineData("video", 2.0, "Poor")]
    public void Screen_sharing_uses_a_two_fps_floor_and_video_seven(string mediaType, double frameRate, string expected)
    {
        var stream = new CallRecordMediaStream { MediaType = mediaType, AverageVideoFrameRate = frameRate };

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(expected, stream.Quality.ToString());
    }

    [Fact]
    public void Received_frame_rate_stands_in_when_the_video_frame_rate_is_missing()
    {
        var stream = new CallRecordMediaStream { MediaType = "video", AverageReceivedFrameRate = 3 };

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(StreamQuality.Poor, stream.Quality);
        Assert.Equal("Frame rate 3 fps < 7 fps", stream.PoorReasons.ToString());
    }

    [Theory]
    [InlineData("main-audio", "audio")]
    [InlineData("main-video", "video")]
    [InlineData("panoramic-video", "video")]
    [InlineData("main-vbss", "videoBasedScreenSharing")]
    [InlineData("applicationsharing-video", "applicationSharing")]
    [InlineData("data", "data")]
    [InlineData(null, "unknown")]
    public void The_media_type_comes_from_the_label(string? label, string expected) =>
        Assert.Equal(expected, StreamClassifier.MediaTypeOf(label));

    [Fact]
    public void Data_streams_are_unclassified()
    {
        var stream = new CallRecordMediaStream { MediaType = "data", AverageRoundTripTimeMs = 900 };

        StreamClassifier.Classify(stream, QualityThresholds.Current);

        Assert.Equal(StreamQuality.Unclassified, stream.Quality);
    }

    private static CallRecordMediaStream Audio(long? packets, double roundTripMs, double packetLoss, double jitterMs) => new()
    {
        MediaType = "audio",
        PacketUtilization = packets,
        AverageRoundTripTimeMs = roundTripMs,
        AveragePacketLossRate = packetLoss,
        AverageJitterMs = jitterMs,
    };
}
