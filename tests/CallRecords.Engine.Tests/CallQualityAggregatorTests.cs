using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using System;
using CallRecords.Engine.Quality;
using CallRecords.Engine.Reporting;
using CallRecords.Engine;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The report's numbers: counts, rates, main reasons and keys, and the HTML that carries them.</summary>
public sealed class CallQualityAggregatorTests
{
    [Fact]
    public void Poor_reasons_name_each_rule_that_fired_with_its_value_and_threshold()
    {
        var audio = Audio("a", "wifi", roundTripMs: 612.5, packetLoss: 0.12, jitterMs: 41);
        var video = new CallRecordMediaStream { MediaType = "video", AverageVideoFrameLossPercentage = 60 };
        var slow = new CallRecordMediaStream { MediaType = "videoBasedScreenSharing", AverageVideoFrameRate = 1 };
        var postFec = new CallRecordMediaStream { MediaType = "video", PostForwardErrorCorrectionPacketLossRate = 0.2 };
        foreach (var stream in new[] { video, slow, postFec })
        {
            StreamClassifier.Classify(stream, QualityThresholds.Current);
        }

        Assert.Equal(new[] { QualityRule.RoundTrip, QualityRule.PacketLossRate, QualityRule.Jitter }, audio.PoorReasons.Select(r => r.Rule));
        Assert.Equal(new double?[] { 612.5, 0.12, 41 }, audio.PoorReasons.Select(r => r.Value));
        Assert.Equal(new double?[] { 500, 0.1, 30 }, audio.PoorReasons.Select(r => r.Threshold));
        Assert.Equal("Video frame loss 60% > 50%", video.PoorReasons.ToString());
        Assert.Equal(QualityRule.FrameRate, Assert.Single(slow.PoorReasons).Rule);
        Assert.Equal(QualityRule.PostFecPacketLossRate, Assert.Single(postFec.PoorReasons).Rule);
        Assert.Equal(new[] { "Round trip", "Packet loss rate", "Jitter" }, audio.PoorReasons.Select(r => PoorReason.NameOf(r.Rule)));
    }

    [Fact]
    public void Rates_are_poor_over_classified_and_unclassified_streams_are_counted_apart()
    {
        var data = new CallQualityAggregator();
        data.Add(Audio("1", "wired", roundTripMs: 600, packetLoss: 0, jitterMs: 0));
        data.Add(Audio("1", "wired", roundTripMs: 10, packetLoss: 0, jitterMs: 0));
        data.Add(Audio("2", "wired", roundTripMs: 10, packetLoss: 0, jitterMs: 0));
        data.Add(Audio("2", "wired", roundTripMs: 900, packetLoss: 0.5, jitterMs: 90, packets: 100));
        data.Add(Audio("3", "mobile", roundTripMs: 900, packetLoss: 0.5, jitterMs: 90, packets: 100));

        var total = data.TotalRow();
        Assert.Equal((5L, 2L, 1L, 2L, 3L), (total.Streams, total.Good, total.Poor, total.Unclassified, total.Classified));
        Assert.Equal(1.0 / 3, total.PoorRate);
        var mobile = Assert.Single(data.Rows(CallQualityAggregator.NetworkType), r => r.Key == "mobile");
        Assert.Equal((1L, 0L, 1L), (mobile.Streams, mobile.Classified, mobile.Unclassified));
        Assert.Null(mobile.PoorRate);
        Assert.Equal(3, data.Calls);
    }

    [Fact]
    public void Calls_are_distinct_call_record_ids_however_the_streams_arrive()
    {
        var data = new CallQualityAggregator();
        var first = Guid.NewGuid().ToString();
        foreach (var id in new[] { first, Guid.NewGuid().ToString(), first.ToUpperInvariant(), "not-a-guid", "not-a-guid", first })
        {
            var stream = Audio("x", "wired", 10, 0, 0);
            stream.CallRecordId = id;
            data.Add(stream);
        }

        Assert.Equal(3, data.Calls);
    }

    [Fact]
    public void The_main_poor_reason_is_the_most_frequent_rule_and_a_tie_goes_to_the_first_name_in_ordinal_order()
    {
        var data = new CallQualityAggregator();
        data.Add(Audio("u", "wired", roundTripMs: 600, packetLoss: 0, jitterMs: 40));
        data.Add(Audio("u", "wired", roundTripMs: 0, packetLoss: 0, jitterMs: 40));
        data.Add(Audio("v", "wired", roundTripMs: 600, packetLoss: 0, jitterMs: 0));
        data.Add(Audio("v", "wired", roundTripMs: 0, packetLoss: 0.2, jitterMs: 0));

        var users = data.Rows(CallQualityAggregator.User).ToDictionary(r => r.Key!);
        Assert.Equal("Jitter", users["u@contoso.com"].MainPoorReason);
        Assert.Equal("Packet loss rate", users["v@contoso.com"].MainPoorReason);
        Assert.Null(new CallQualityAggregator().TotalRow().MainPoorReason);
        var reasons = data.PoorReasons();
        Assert.Equal(new[] { "Jitter", "Round trip", "Packet loss rate" }, reasons.Select(r => r.Reason));
        Assert.Equal(new[] { 2L, 2L, 1L }, reasons.Select(r => r.PoorStreams));
        Assert.Equal(0.5, reasons[0].Share);
    }

    [Fact]
    public void Days_are_utc_days_of_the_stream_start_and_wifi_bands_count_only_wifi_streams()
    {
        var data = new CallQualityAggregator();
        var lateEvening = Audio("a", "wifi", 10, 0, 0);
        lateEvening.StartDateTime = new DateTimeOffset(2026, 1, 1, 23, 30, 0, TimeSpan.FromHours(-5));
        lateEvening.CallerNetwork.WifiBand = "frequency50GHz";
        var wired = Audio("a", "wired", 10, 0, 0);
        wired.CallerNetwork.WifiBand = "unknown";
        var noBand = Audio("a", "wifi", 10, 0, 0);
        data.Add(lateEvening);
        data.Add(wired);
        data.Add(noBand);

        Assert.Equal(new[] { "(not reported)", "2026-01-02" }, data.Rows(CallQualityAggregator.Day).Select(r => r.Key));
        Assert.Equal(new[] { "(not reported)", "frequency50GHz" }, data.Rows(CallQualityAggregator.WifiBand).Select(r => r.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(2, data.Rows(CallQualityAggregator.WifiBand).Sum(r => r.Streams));
    }

    [Fact]
    public void Top_lists_keys_by_poor_streams_then_rate_then_key_and_leaves_out_keys_without_poor_streams()
    {
        var data = new CallQualityAggregator();
        void Add(string subnet, bool poor)
        {
            var stream = Audio("u", "wired", poor ? 600 : 10, 0, 0);
            stream.CallerNetwork.Subnet = subnet;
            data.Add(stream);
        }

        Add("10.0.0.0", true);
        Add("10.0.0.0", false);
        Add("10.0.1.0", true);
        Add("10.0.2.0", true);
        Add("10.0.2.0", true);
        Add("10.0.3.0", true);
        Add("10.0.4.0", false);

        var top = data.Top(CallQualityAggregator.Subnet, 3);
        Assert.Equal(new[] { "10.0.2.0", "10.0.1.0", "10.0.3.0" }, top.Select(r => r.Key));
        Assert.Equal(5, data.KeyCount(CallQualityAggregator.Subnet));
    }

    [Fact]
    public void A_dimension_keeps_at_most_the_cap_of_keys_and_counts_the_rest_as_other()
    {
        var data = new CallQualityAggregator();
        var stream = Audio("u", "wired", 10, 0, 0);
        for (var i = 0; i < CallQualityAggregator.MaxKeysPerDimension + 10; i++)
        {
            stream.CallerNetwork.Subnet = "s" + i.ToString(CultureInfo.InvariantCulture);
            data.Add(stream);
        }

        Assert.True(data.IsCapped(CallQualityAggregator.Subnet));
        Assert.False(data.IsCapped(CallQualityAggregator.User));
        Assert.Equal(CallQualityAggregator.MaxKeysPerDimension + 1, data.KeyCount(CallQualityAggregator.Subnet));
        Assert.Equal(10, data.Rows(CallQualityAggregator.Subnet).Single(r => r.Key == CallQualityAggregator.OtherKeys).Streams);
    }

    [Fact]
    public void The_report_is_well_formed_self_contained_and_carries_every_row_in_data_attributes()
    {
        var data = new CallQualityAggregator();
        data.Add(Audio("a&b", "wifi", roundTripMs: 600, packetLoss: 0, jitterMs: 40));
        data.Add(Audio("<c>", "wired", roundTripMs: 10, packetLoss: 0, jitterMs: 0));
        data.Add(Audio("c", "mobile", roundTripMs: 10, packetLoss: 0, jitterMs: 0, packets: 10));

        var html = Render(data, "Quality \"Q1\" <draft>");
        var document = XDocument.Parse(html);

        Assert.DoesNotContain("http:", html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", ""));
        Assert.DoesNotContain("https:", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("url(", html);
        Assert.Equal("Quality \"Q1\" <draft>", document.Descendants("title").First().Value);
        // The breakdowns shown whole; subnets, users, devices and client versions are listed as their top poor keys.
        var listedWhole = CallQualityAggregator.Dimensions.Except(new[] { CallQualityAggregator.Subnet, CallQualityAggregator.User, CallQualityAggregator.CaptureDevice, CallQualityAggregator.RenderDevice, CallQualityAggregator.ClientVersion });
        foreach (var dimension in listedWhole)
        {
            var table = document.Descendants("table").Single(t => (string?)t.Attribute("data-dimension") == dimension && t.Attribute("data-by") is null);
            var rendered = table.Descendants("tr").Where(r => r.Attribute("data-key") is not null).ToDictionary(r => (string)r.Attribute("data-key")!);
            var expected = data.Rows(dimension);
            Assert.Equal(expected.Count + (dimension == CallQualityAggregator.MediaType ? 1 : 0), rendered.Count);
            foreach (var row in expected)
            {
                var tr = rendered[row.Key!];
                Assert.Equal(row.Streams.ToString(CultureInfo.InvariantCulture), (string?)tr.Attribute("data-streams"));
                Assert.Equal(row.Poor.ToString(CultureInfo.InvariantCulture), (string?)tr.Attribute("data-poor"));
                Assert.Equal(row.Unclassified.ToString(CultureInfo.InvariantCulture), (string?)tr.Attribute("data-unclassified"));
                Assert.Equal(row.PoorRate?.ToString("R", CultureInfo.InvariantCulture) ?? "", (string?)tr.Attribute("data-poor-rate"));
            }
        }

        var users = document.Descendants("table").Single(t => (string?)t.Attribute("data-dimension") == CallQualityAggregator.User);
        Assert.Equal(new[] { "a&b@contoso.com" }, users.Descendants("tr").Select(r => (string?)r.Attribute("data-key")).Where(k => k is not null));
    }

    [Fact]
    public void Every_chart_is_an_image_with_a_title_a_description_axis_text_and_a_value_beside_each_bar()
    {
        var data = new CallQualityAggregator();
        data.Add(Audio("a", "wifi", roundTripMs: 600, packetLoss: 0, jitterMs: 40));
        data.Add(Audio("b", "wired", roundTripMs: 10, packetLoss: 0, jitterMs: 0));
        XNamespace svg = "http://www.w3.org/2000/svg";

        var charts = XDocument.Parse(Render(data, "t")).Descendants(svg + "svg").ToList();

        // Days, four network and client breakdowns, poor reasons, device and network events.
        Assert.Equal(7, charts.Count);
        foreach (var chart in charts)
        {
            Assert.Equal("img", (string?)chart.Attribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(chart.Element(svg + "title")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(chart.Element(svg + "desc")?.Value));
            Assert.Contains(chart.Descendants(svg + "text"), t => (string?)t.Attribute("class") == "axis-title");
            Assert.All(chart.Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "bar-row"), row =>
                Assert.Contains(row.Elements(svg + "text"), t => (string?)t.Attribute("class") == "value" && t.Value.Length > 0));
        }
    }

    [Fact]
    public void The_classification_section_states_the_thresholds_and_source_of_the_rule_sets_the_streams_carry()
    {
        var data = new CallQualityAggregator();
        var legacy = new CallRecordMediaStream { CallRecordId = "x", MediaType = "audio", AverageJitterMs = 50 };
        StreamClassifier.Classify(legacy, QualityThresholds.Legacy);
        data.Add(legacy);
        var t = QualityThresholds.Legacy;

        var text = string.Concat(XDocument.Parse(Render(data, "t")).Descendants("section").Single(s => (string?)s.Attribute("id") == "classification").DescendantNodes().OfType<XText>().Select(n => n.Value));

        Assert.Contains("Rule set Legacy", text);
        Assert.DoesNotContain("Rule set Current", text);
        Assert.Contains($"jitter > {t.AudioJitterMs.ToString(CultureInfo.InvariantCulture)} ms", text);
        Assert.Contains($"average round trip > {t.AudioRoundTripMs.ToString(CultureInfo.InvariantCulture)} ms", text);
        Assert.Contains($"concealed samples ratio > {t.AudioConcealedRatio!.Value.ToString(CultureInfo.InvariantCulture)}", text);
        Assert.Contains($"frame rate < {t.VideoFrameRate.ToString(CultureInfo.InvariantCulture)} fps", text);
        Assert.Contains(QualityThresholds.Source, text);
    }

    private static string Render(CallQualityAggregator data, string title)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CallQualityReportWriter.Write(writer, data, new CallQualityReportOptions { Title = title, GeneratedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) });
        return writer.ToString().Replace("<!DOCTYPE html>", "");
    }

    private static CallRecordMediaStream Audio(string user, string network, double roundTripMs, double packetLoss, double jitterMs, long packets = 1000)
    {
        var stream = new CallRecordMediaStream
        {
            CallRecordId = user,
            MediaType = "audio",
            Caller = new CallEndpoint { UserPrincipalName = user + "@contoso.com" },
            CallerNetwork = new NetworkInfo { ConnectionType = network },
            PacketUtilization = packets,
            AverageRoundTripTimeMs = roundTripMs,
            AveragePacketLossRate = packetLoss,
            AverageJitterMs = jitterMs,
        };
        StreamClassifier.Classify(stream, QualityThresholds.Current);
        return stream;
    }
}
