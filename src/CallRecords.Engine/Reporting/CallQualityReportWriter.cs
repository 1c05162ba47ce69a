using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CallRecords.Engine.Quality;

namespace CallRecords.Engine.Reporting;

/// <summary>
/// Writes a call quality report as one self-contained HTML file: inline CSS (print rules included) and inline
/// SVG charts, no script and no external request, so it opens from disk, travels as an email attachment and
/// prints. Every chart has a table of the same numbers beside it, and every table row carries its numbers in
/// data- attributes so a program can read them back. The markup is well-formed XML.
/// </summary>
public static class CallQualityReportWriter
{
    /// <summary>How many subnets and users the report lists.</summary>
    public const int TopCount = 15;

    private const string Style = @"
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bar: #b3261e; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: var(--ink); background: #fff; }
main, header { max-width: 72rem; margin: 0 auto; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
p, li, dd { overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; margin: .75rem 0; padding: 0; }
.figures div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; background: var(--band); }
.figures dt { color: var(--muted); font-size: .85rem; }
.figures dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 0 2rem; }
figure { margin: 0 0 .75rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg.chart { display: block; width: 100%; max-width: 34rem; height: auto; }
svg.chart text { font-size: 12px; fill: var(--ink); font-family: inherit; }
svg.chart .tick, svg.chart .axis-title { fill: var(--muted); }
svg.chart .bar { fill: var(--bar); }
svg.chart .axis line { stroke: var(--muted); stroke-width: 1; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .4rem; text-align: right; vertical-align: top; white-space: nowrap; }
th[scope=row], td.text { text-align: left; white-space: normal; overflow-wrap: anywhere; }
thead th:first-child, thead th.text { text-align: left; }
thead th { background: var(--band); }
.note { color: var(--muted); font-size: .9rem; }
/* Narrow screens: each table row becomes a card and every cell names its column (data-label), so the header row goes. */
@media (max-width: 40rem) {
  body { padding: .6rem; font-size: 14px; }
  table.data thead { display: none; }
  table.data tr { display: block; border-bottom: 1px solid var(--line); padding: .3rem 0; }
  table.data th[scope=row] { display: block; border: 0; padding: 0 0 .1rem; }
  table.data td { display: inline-block; border: 0; padding: 0 .8rem 0 0; text-align: left; }
  table.data td::before { content: attr(data-label) ': '; color: var(--muted); }
}
@media print {
  body { padding: 0; font-size: 10pt; }
  section, figure, table { break-inside: avoid; }
  h2 { break-after: avoid; }
  .figures div, thead th { background: none; }
  svg.chart .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
";

    private static readonly (string Dimension, string Heading, string What)[] s_chartedDimensions =
    {
        (CallQualityAggregator.NetworkType, "By network type", "the caller's connection type"),
        (CallQualityAggregator.WifiBand, "By Wi-Fi band", "the caller's Wi-Fi band, Wi-Fi streams only"),
        (CallQualityAggregator.Platform, "By platform", "the caller's client platform"),
        (CallQualityAggregator.ProductFamily, "By product family", "the caller's client product family"),
    };

    /// <summary>Writes the report of everything <paramref name="data"/> has counted.</summary>
    public static void Write(TextWriter w, CallQualityAggregator data, CallQualityReportOptions options)
    {
        var total = data.TotalRow();
        w.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        w.Write($"<title>{Html.Escape(options.Title)}</title><style>{Style}</style></head><body>");
        w.Write($"<header><h1>{Html.Escape(options.Title)}</h1>");
        w.Write($"<p class=\"meta\">{Html.Escape(options.Scope)}. Generated {options.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.</p></header><main>");

        WriteHeadline(w, data, total);
        WriteDays(w, data);

        w.Write("<section id=\"dimensions\"><h2>By network and client</h2><div class=\"grid\">");
        foreach (var (dimension, heading, what) in s_chartedDimensions)
        {
            var rows = data.Rows(dimension);
            w.Write($"<div><h3>{Html.Escape(heading)}</h3>");
            WriteRateChart(w, "chart-" + dimension, $"Poor-stream rate {heading.ToLowerInvariant()}", what, rows);
            WriteAggregateTable(w, dimension, $"Streams {heading.ToLowerInvariant()}", FirstColumnName(dimension), rows, compact: true);
            w.Write("</div>");
        }

        w.Write("</div></section>");

        WriteByMediaType(w, data);
        WriteTop(w, data, CallQualityAggregator.Subnet, "Subnets with the most poor streams", "Subnet", "the caller's subnet");
        WriteTop(w, data, CallQualityAggregator.User, "Users with the most poor streams", "User", "the caller: user principal name, else display name, else id");
        WriteTop(w, data, CallQualityAggregator.CaptureDevice, "Microphones with the most poor streams", "Microphone", "the caller's capture device");
        WriteTop(w, data, CallQualityAggregator.RenderDevice, "Speakers with the most poor streams", "Speaker", "the caller's render device");
        WriteTop(w, data, CallQualityAggregator.ClientVersion, "Client versions with the most poor streams", "Client version", "the caller's client version (the user agent's application version)");
        WriteSignals(w, data);
        WritePoorReasons(w, data, total);
        WriteClassification(w, data);
        w.Write("</main></body></html>\n");
    }

    private static void WriteHeadline(TextWriter w, CallQualityAggregator data, CallQualityAggregate total)
    {
        w.Write("<section id=\"headline\"><h2>Headline</h2><dl class=\"figures\">");
        Figure(w, "calls", "Calls", data.Calls, Count(data.Calls));
        Figure(w, "streams", "Streams", total.Streams, Count(total.Streams));
        Figure(w, "classified", "Classified", total.Classified, Count(total.Classified));
        Figure(w, "poor", "Poor", total.Poor, Count(total.Poor));
        Figure(w, "unclassified", "Unclassified", total.Unclassified, Count(total.Unclassified));
        w.Write($"<div data-figure=\"poor-rate\" data-value=\"{Rate(total.PoorRate)}\"><dt>Poor-stream rate</dt><dd>{RateText(total.PoorRate)}</dd></div>");
        w.Write("</dl>");
        w.Write("<p><strong>Poor-stream rate</strong> = poor streams \u00f7 classified streams (Good + Poor). Unclassified streams (missing metrics, or too few packets to judge) are counted in Streams but take no part in any rate. Calls are distinct call record ids. ");
        w.Write($"Rule set: <strong data-rule-set=\"{Html.Escape(RuleSetText(data))}\">{Html.Escape(RuleSetText(data))}</strong> (see <a href=\"#classification\">Classification</a>). Every breakdown below is by the caller's side of each stream.</p>");
        WriteAggregateTable(w, CallQualityAggregator.MediaType, "Streams by media type", "Media type", data.Rows(CallQualityAggregator.MediaType).Concat(new[] { total }).ToList(), compact: false);
        w.Write("</section>");
    }

    private static void WriteDays(TextWriter w, CallQualityAggregator data)
    {
        var rows = data.Rows(CallQualityAggregator.Day);
        w.Write("<section id=\"days\"><h2>Poor-stream rate per day</h2>");
        w.Write("<p class=\"note\">Days are UTC, by the start of each stream.</p>");
        WriteRateChart(w, "chart-Day", "Poor-stream rate per day (UTC)", "the UTC day each stream started", rows);
        WriteAggregateTable(w, CallQualityAggregator.Day, "Streams per day (UTC)", "Day", rows, compact: false);
        w.Write("</section>");
    }

    private static void WriteTop(TextWriter w, CallQualityAggregator data, string dimension, string heading, string keyName, string what)
    {
        var rows = data.Top(dimension, TopCount);
        w.Write($"<section id=\"top-{dimension}\"><h2>{Html.Escape(heading)}</h2>");
        w.Write($"<p class=\"note\">Grouped by {Html.Escape(what)}. {Count(rows.Count)} of {Count(data.KeyCount(dimension))} with at least one stream are listed here: those with the most poor streams.");
        if (data.IsCapped(dimension))
        {
            w.Write($" Beyond {Count(CallQualityAggregator.MaxKeysPerDimension)} distinct values, further ones were counted together as {CallQualityAggregator.OtherKeys}.");
        }

        w.Write("</p>");
        WriteAggregateTable(w, dimension, heading, keyName, rows, compact: false);
        w.Write("</section>");
    }

    // Each network and client breakdown again for each media type, one column a media type, since audio and video
    // suffer differently on the same network.
    private static void WriteByMediaType(TextWriter w, CallQualityAggregator data)
    {
        w.Write("<section id=\"by-media-type\"><h2>By media type</h2>");
        w.Write("<p class=\"note\">Each cell is the poor-stream rate of that media type, with poor and classified streams.</p>");
        foreach (var (dimension, heading, _) in s_chartedDimensions)
        {
            var rows = data.RowsByMediaType(dimension);
            var mediaTypes = rows.GroupBy(r => r.MediaType).OrderByDescending(g => g.Sum(r => r.Streams)).Select(g => g.Key).ToList();
            var keys = rows.GroupBy(r => r.Key).OrderByDescending(g => g.Sum(r => r.Streams)).Select(g => g.Key).ToList();
            w.Write($"<table class=\"data\" data-dimension=\"{dimension}\" data-by=\"MediaType\"><caption>Poor-stream rate {Html.Escape(heading.ToLowerInvariant())} and media type</caption><thead><tr><th scope=\"col\">{Html.Escape(FirstColumnName(dimension))}</th>");
            foreach (var mediaType in mediaTypes)
            {
                w.Write($"<th scope=\"col\">{Html.Escape(mediaType)}</th>");
            }

            w.Write("</tr></thead><tbody>");
            foreach (var key in keys)
            {
                w.Write($"<tr data-key=\"{Html.Escape(key)}\"><th scope=\"row\">{Html.Escape(key)}</th>");
                foreach (var mediaType in mediaTypes)
                {
                    var row = rows.FirstOrDefault(r => r.Key == key && r.MediaType == mediaType);
                    w.Write(row is null
                        ? $"<td data-label=\"{Html.Escape(mediaType)}\" data-media-type=\"{Html.Escape(mediaType)}\">\u2014</td>"
                        : $"<td data-label=\"{Html.Escape(mediaType)}\" data-media-type=\"{Html.Escape(mediaType)}\" data-streams=\"{row.Streams}\" data-poor=\"{row.Poor}\" data-classified=\"{row.Classified}\" data-poor-rate=\"{Rate(row.PoorRate)}\">{RateText(row.PoorRate)} ({Count(row.Poor)}/{Count(row.Classified)})</td>");
                }

                w.Write("</tr>");
            }

            w.Write("</tbody></table>");
        }

        w.Write("</section>");
    }

    private static void WriteSignals(TextWriter w, CallQualityAggregator data)
    {
        var signals = data.Signals().Where(s => s.Reported > 0).ToList();
        w.Write("<section id=\"signals\"><h2>Device and network events</h2>");
        w.Write("<p class=\"note\">The share of streams whose caller reported each event, and the poor-stream rate with it and without it: a much higher rate with a device event points at the device, with a network event at the network. Only streams that report the property count.</p>");
        SvgBarChart.Write(
            w,
            "chart-Signal",
            "Share of streams with each event",
            $"{signals.Count} events reported. " + string.Join("; ", signals.Select(s => $"{s.Signal}: {SvgBarChart.Percent(s.Share ?? 0)}")),
            "Share of streams with the event",
            signals.Select(s => new ChartBar(s.Signal ?? "", s.Share, $"{SvgBarChart.Percent(s.Share ?? 0)} \u00b7 {Count(s.Streams)}")).ToList());
        w.Write("<table class=\"data\" data-dimension=\"Signal\"><caption>Streams by device and network event</caption><thead><tr><th scope=\"col\">Event</th><th scope=\"col\" class=\"text\">Source</th><th scope=\"col\">Streams with it</th><th scope=\"col\">Reported</th><th scope=\"col\">Share</th><th scope=\"col\">Poor rate with</th><th scope=\"col\">Poor rate without</th></tr></thead><tbody>");
        foreach (var signal in signals)
        {
            w.Write($"<tr data-key=\"{Html.Escape(signal.Signal)}\" data-property=\"{Html.Escape(signal.Property)}\" data-source=\"{Html.Escape(signal.Source)}\" data-streams=\"{signal.Streams}\" data-reported=\"{signal.Reported}\" data-share=\"{Rate(signal.Share)}\" data-poor-rate=\"{Rate(signal.PoorRate)}\" data-poor-rate-without=\"{Rate(signal.PoorRateWithout)}\">");
            w.Write($"<th scope=\"row\">{Html.Escape(signal.Signal)}</th><td class=\"text\" data-label=\"Source\">{Html.Escape(signal.Source)}</td>{Cell("Streams with it", Count(signal.Streams))}{Cell("Reported", Count(signal.Reported))}{Cell("Share", signal.Share is { } share ? SvgBarChart.Percent(share) : "\u2014")}{Cell("Poor rate with", RateText(signal.PoorRate))}{Cell("Poor rate without", RateText(signal.PoorRateWithout))}</tr>");
        }

        w.Write("</tbody></table></section>");
    }

    private static void WritePoorReasons(TextWriter w, CallQualityAggregator data, CallQualityAggregate total)
    {
        var reasons = data.PoorReasons();
        w.Write("<section id=\"reasons\"><h2>Why streams were poor</h2>");
        w.Write("<p class=\"note\">The share of poor streams in which each rule fired. A stream can break several rules, so shares can add up to more than 100%.</p>");
        SvgBarChart.Write(
            w,
            "chart-PoorReason",
            "Share of poor streams by rule",
            $"{reasons.Count} rules fired among {Count(total.Poor)} poor streams. " + string.Join("; ", reasons.Select(r => $"{r.Reason}: {SvgBarChart.Percent(r.Share)}")),
            "Share of poor streams",
            reasons.Select(r => new ChartBar(r.Reason ?? "", r.Share, $"{SvgBarChart.Percent(r.Share)} \u00b7 {Count(r.PoorStreams)}")).ToList());
        w.Write("<table class=\"data\" data-dimension=\"PoorReason\"><caption>Poor streams by rule</caption><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Poor streams</th><th scope=\"col\">Share of poor</th></tr></thead><tbody>");
        foreach (var reason in reasons)
        {
            w.Write($"<tr data-key=\"{Html.Escape(reason.Reason)}\" data-poor-streams=\"{reason.PoorStreams}\" data-share=\"{Rate(reason.Share)}\">");
            w.Write($"<th scope=\"row\">{Html.Escape(reason.Reason)}</th>{Cell("Poor streams", Count(reason.PoorStreams))}{Cell("Share of poor", SvgBarChart.Percent(reason.Share))}</tr>");
        }

        w.Write("</tbody></table></section>");
    }

    private static void WriteClassification(TextWriter w, CallQualityAggregator data)
    {
        w.Write("<section id=\"classification\"><h2>Classification</h2>");
        w.Write("<p>Each stream is judged <strong>Good</strong>, <strong>Poor</strong> or <strong>Unclassified</strong> by Microsoft's published stream classification. A value equal to a threshold is not poor; a stream without the metrics a rule needs is Unclassified. A breached threshold shows that network conditions were not optimal; it does not prove that anyone heard or saw a problem.</p>");
        foreach (var ruleSet in RuleSetsOf(data))
        {
            var t = QualityThresholds.For(ruleSet);
            w.Write($"<h3>Rule set {Html.Escape(ruleSet.ToString())}</h3><ul data-rule-set=\"{ruleSet}\">");
            var audio = new List<string>
            {
                $"average round trip &gt; {Num(t.AudioRoundTripMs)} ms",
                $"packet loss rate &gt; {Num(t.AudioPacketLossRate)}",
                $"jitter &gt; {Num(t.AudioJitterMs)} ms",
            };
            if (t.AudioDegradation is { } degradation)
            {
                audio.Add($"network MOS degradation &gt; {Num(degradation)}");
            }

            if (t.AudioConcealedRatio is { } concealed)
            {
                audio.Add($"concealed samples ratio &gt; {Num(concealed)}");
            }

            var floor = t.AudioPacketUtilizationFloor is { } packets ? $"when more than {Num(packets)} packets were sent (otherwise Unclassified), " : "";
            w.Write($"<li><strong>Audio</strong> is poor {floor}if any of: {string.Join(", ", audio)}.</li>");
            w.Write($"<li><strong>Video</strong>: the first metric present decides: frame loss &gt; {Num(t.VideoFrameLossPercentage)}%, else frame rate &lt; {Num(t.VideoFrameRate)} fps, else post-FEC packet loss rate &gt; {Num(t.VideoPostFecPacketLossRate)}.</li>");
            w.Write($"<li><strong>Screen sharing and application sharing</strong>: the same order with a frame rate floor of {Num(t.ScreenSharingFrameRate)} fps.</li>");
            w.Write("</ul>");
        }

        w.Write($"<p class=\"note\">Source: <span data-source=\"thresholds\">{Html.Escape(QualityThresholds.Source)}</span>.</p></section>");
    }

    private static void WriteRateChart(TextWriter w, string id, string title, string what, IReadOnlyList<CallQualityAggregate> rows)
    {
        var described = rows.Select(r => $"{r.Key}: {RateText(r.PoorRate)} ({r.Poor} of {r.Classified})");
        SvgBarChart.Write(
            w,
            id,
            title,
            $"Poor-stream rate by {what}. " + string.Join("; ", described),
            "Poor-stream rate (poor \u00f7 classified)",
            rows.Select(r => new ChartBar(r.Key ?? "", r.PoorRate, r.PoorRate is null ? "none classified" : $"{RateText(r.PoorRate)} \u00b7 {Count(r.Poor)}/{Count(r.Classified)}")).ToList());
    }

    // A compact table (beside a chart in a two-column grid) leaves out Good, Streams and the main reason; its
    // rows still carry every number in their data- attributes.
    private static void WriteAggregateTable(TextWriter w, string dimension, string caption, string keyName, IReadOnlyList<CallQualityAggregate> rows, bool compact)
    {
        w.Write($"<table class=\"data\" data-dimension=\"{dimension}\"><caption>{Html.Escape(caption)}</caption><thead><tr>");
        w.Write($"<th scope=\"col\">{Html.Escape(keyName)}</th><th scope=\"col\">Poor</th><th scope=\"col\">Classified</th><th scope=\"col\">Poor rate</th>");
        w.Write(compact ? "<th scope=\"col\">Unclassified</th>" : "<th scope=\"col\">Good</th><th scope=\"col\">Unclassified</th><th scope=\"col\">Streams</th><th scope=\"col\" class=\"text\">Main poor reason</th>");
        w.Write("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            w.Write($"<tr data-dimension=\"{Html.Escape(row.Dimension)}\" data-key=\"{Html.Escape(row.Key)}\" data-streams=\"{row.Streams}\" data-good=\"{row.Good}\" data-poor=\"{row.Poor}\" data-unclassified=\"{row.Unclassified}\" data-classified=\"{row.Classified}\" data-poor-rate=\"{Rate(row.PoorRate)}\" data-main-poor-reason=\"{Html.Escape(row.MainPoorReason)}\">");
            w.Write($"<th scope=\"row\">{Html.Escape(row.Key)}</th>{Cell("Poor", Count(row.Poor))}{Cell("Classified", Count(row.Classified))}{Cell("Poor rate", RateText(row.PoorRate))}");
            if (compact)
            {
                w.Write(Cell("Unclassified", Count(row.Unclassified)));
            }
            else
            {
                w.Write($"{Cell("Good", Count(row.Good))}{Cell("Unclassified", Count(row.Unclassified))}{Cell("Streams", Count(row.Streams))}");
                w.Write($"<td class=\"text\" data-label=\"Main poor reason\">{Html.Escape(row.MainPoorReason ?? "\u2014")}</td>");
            }

            w.Write("</tr>");
        }

        w.Write("</tbody></table>");
    }

    // The label names the column again where narrow screens show each row as a card without the header.
    private static string Cell(string label, string text) => $"<td data-label=\"{label}\">{text}</td>";

    private static void Figure(TextWriter w, string name, string label, long value, string text) =>
        w.Write($"<div data-figure=\"{name}\" data-value=\"{value}\"><dt>{label}</dt><dd>{text}</dd></div>");

    private static string FirstColumnName(string dimension) => dimension switch
    {
        CallQualityAggregator.NetworkType => "Network",
        CallQualityAggregator.WifiBand => "Band",
        CallQualityAggregator.ProductFamily => "Product",
        _ => dimension,
    };

    // With no stream (nothing piped in), the rules the module applies by default.
    private static IEnumerable<QualityRuleSet> RuleSetsOf(CallQualityAggregator data) =>
        data.RuleSets.Count > 0 ? data.RuleSets : new[] { QualityRuleSet.Current };

    private static string RuleSetText(CallQualityAggregator data) => string.Join(", ", RuleSetsOf(data));

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Rate(double? rate) => rate?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string RateText(double? rate) => rate is { } value ? SvgBarChart.Percent(value) : "n/a";

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
