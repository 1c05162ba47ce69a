using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CallRecords.Engine.Reporting;

/// <summary>
/// A horizontal bar chart as inline SVG: one row per bar with its label and its value as text (so colour is
/// never the only signal), an x axis with ticks and a title, and a title and description for screen readers.
/// It scales with its container through its viewBox; the geometry is chosen so text stays readable on a phone.
/// </summary>
internal static class SvgBarChart
{
    private const int Width = 420;
    private const int LabelRight = 124;
    private const int BarLeft = 130;
    private const int BarWidth = 150;
    private const int ValueLeft = 288;
    private const int RowHeight = 22;
    private const int Top = 8;
    private const int AxisSpace = 46;
    private const int MaxLabelLength = 16;
    private static readonly double[] s_scaleMaxima = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1 };

    public static void Write(TextWriter w, string id, string title, string description, string axisTitle, IReadOnlyList<ChartBar> bars)
    {
        var max = ScaleMaximum(bars);
        var axisY = Top + (bars.Count * RowHeight);
        var height = axisY + AxisSpace;
        w.Write($"<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        w.Write($"<title id=\"{id}-title\">{Html.Escape(title)}</title>");
        w.Write($"<desc id=\"{id}-desc\">{Html.Escape(description)}</desc>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * RowHeight);
            var textY = y + (RowHeight / 2) + 4;
            w.Write("<g class=\"bar-row\">");
            w.Write($"<title>{Html.Escape(bar.Label)}: {Html.Escape(bar.ValueText)}</title>");
            w.Write($"<text class=\"label\" x=\"{LabelRight}\" y=\"{textY}\" text-anchor=\"end\">{Html.Escape(Shorten(bar.Label))}</text>");
            if (bar.Value is { } value)
            {
                var length = Math.Max(value > 0 ? 1 : 0, BarWidth * Math.Min(value, max) / max);
                w.Write($"<rect class=\"bar\" x=\"{BarLeft}\" y=\"{y + 4}\" width=\"{Number(length)}\" height=\"{RowHeight - 8}\"/>");
            }

            w.Write($"<text class=\"value\" x=\"{ValueLeft}\" y=\"{textY}\">{Html.Escape(bar.ValueText)}</text>");
            w.Write("</g>");
        }

        w.Write($"<g class=\"axis\"><line x1=\"{BarLeft}\" y1=\"{Top}\" x2=\"{BarLeft}\" y2=\"{axisY}\"/><line x1=\"{BarLeft}\" y1=\"{axisY}\" x2=\"{BarLeft + BarWidth}\" y2=\"{axisY}\"/>");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var x = BarLeft + (BarWidth * fraction);
            w.Write($"<line x1=\"{Number(x)}\" y1=\"{axisY}\" x2=\"{Number(x)}\" y2=\"{axisY + 4}\"/>");
            w.Write($"<text class=\"tick\" x=\"{Number(x)}\" y=\"{axisY + 16}\" text-anchor=\"middle\">{Percent(max * fraction)}</text>");
        }

        w.Write($"<text class=\"axis-title\" x=\"{BarLeft + (BarWidth / 2)}\" y=\"{axisY + 36}\" text-anchor=\"middle\">{Html.Escape(axisTitle)}</text>");
        w.Write("</g></svg>");
    }

    /// <summary>A rate as the report prints it: one decimal, such as 12.5%.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    // The smallest round maximum that holds every bar, so small rates still get visible bars.
    private static double ScaleMaximum(IReadOnlyList<ChartBar> bars)
    {
        var largest = 0.0;
        foreach (var bar in bars)
        {
            largest = Math.Max(largest, bar.Value ?? 0);
        }

        foreach (var maximum in s_scaleMaxima)
        {
            if (largest <= maximum)
            {
                return maximum;
            }
        }

        return 1;
    }

    private static string Shorten(string label) => label.Length <= MaxLabelLength ? label : string.Concat(label.AsSpan(0, MaxLabelLength - 1), "\u2026");

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
