using System.Globalization;
using System.Net;
using System.Text;
using Braid.Core.Equity;

namespace Braid.Interop.Equity;

/// <summary>
/// The report as HTML with server-rendered SVG charts: group estimates with their intervals
/// against the reference, the ordered-group gradient, and the gap over periods. Every chart has a
/// title, axis labels and a text alternative, and prints in black and white.
/// </summary>
public static class EquityHtml
{
    /// <summary>The report's styles: served by the web app, and inlined in the stand-alone file the CLI writes.</summary>
    public const string Stylesheet = """
        .equity-report { font-family: system-ui, sans-serif; max-width: 60rem; color: #1a1a1a; }
        .equity-report table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
        .equity-report th, .equity-report td { border-bottom: 1px solid #ccc; padding: .25rem .6rem; text-align: left; vertical-align: top; }
        .equity-report td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .equity-report .verdict { border-left: 4px solid #1a1a1a; padding: .5rem 1rem; background: #f4f4f4; }
        .equity-report figure { margin: 1rem 0; }
        .equity-report figcaption { font-size: .85rem; color: #444; }
        .equity-report svg text { font-size: 12px; fill: #1a1a1a; }
        .equity-report .stratum { break-before: page; }
        @media print { .equity-report .verdict { background: none; } }
        """;

    /// <summary>A whole HTML document (what <c>braid equity report --format html</c> writes).</summary>
    public static string Document(EquityReport report) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{E(report.Title)}</title><style>{Stylesheet}</style></head>
        <body>{Fragment(report)}</body></html>
        """;

    /// <summary>The report as a fragment for a page that brings <see cref="Stylesheet"/>.</summary>
    public static string Fragment(EquityReport report)
    {
        var html = new StringBuilder();
        html.Append("<article class=\"equity-report\">");
        html.Append($"<h1>{E(report.Title)}</h1>");
        Body(html, report, "main", level: 2);
        foreach (var (stratum, i) in report.Strata.Select((s, i) => (s, i)))
        {
            html.Append($"<section class=\"stratum\"><h2>{E(report.Per ?? "Stratum")} {E(stratum.Stratum)}</h2>");
            Body(html, stratum.Report, $"s{i}", level: 3);
            html.Append("</section>");
        }

        if (report.Sources.Count > 0)
        {
            html.Append("<h2>Sources</h2><ul>");
            foreach (var s in report.Sources) html.Append($"<li>{E(s)}</li>");
            html.Append("</ul>");
        }

        html.Append("</article>");
        return html.ToString();
    }

    private static void Body(StringBuilder html, EquityReport r, string id, int level)
    {
        var h = $"h{level}";
        if (r.Test is { } test) html.Append($"<p class=\"verdict\">{E(test.Verdict)}</p>");
        html.Append($"<p>Outcome: <strong>{E(r.Outcome)}</strong> ({E(r.Kind)}, {E(r.Direction)}). Groups: {E(r.By)}, {E(r.View)}. " +
                    $"Reference: {E(r.Reference)}. Units: {E(r.Units)}.</p>");

        html.Append(Chart(r, id));
        if (r.Periods.Count > 1) html.Append(TrendChart(r, id));

        html.Append($"<{h}>Groups</{h}><table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Units</th><th scope=\"col\">Events</th><th scope=\"col\">Estimate (95% CI)</th>" +
                    "<th scope=\"col\">Difference vs reference (95% CI)</th><th scope=\"col\">Ratio vs reference (95% CI)</th></tr></thead><tbody>");
        foreach (var g in r.Groups.Append(r.Overall))
        {
            html.Append($"<tr><th scope=\"row\">{E(g.Group)}{(g.IsReference ? " (reference)" : "")}</th>");
            if (g.Suppressed is { } why)
            {
                html.Append($"<td colspan=\"5\">suppressed: {E(why)}</td></tr>");
                continue;
            }

            html.Append($"<td class=\"num\">{Count(g.Units)}</td><td class=\"num\">{Count(g.Events)}</td>" +
                        $"<td class=\"num\">{Value(r, g.Estimate)} ({Value(r, g.Lower)} to {Value(r, g.Upper)})</td>" +
                        $"<td class=\"num\">{Contrast(g.Difference, r, difference: true)}</td><td class=\"num\">{Contrast(g.Ratio, r, difference: false)}</td></tr>");
        }

        html.Append("</tbody></table>");

        if (r.Measures.Count > 0)
        {
            html.Append($"<{h}>Summary measures</{h}><table><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Value</th><th scope=\"col\">Reference</th><th scope=\"col\">Weighting</th></tr></thead><tbody>");
            foreach (var m in r.Measures)
                html.Append($"<tr><th scope=\"row\">{E(m.Measure)}</th><td class=\"num\">{Number(m.Value)}</td><td>{E(m.Reference)}</td><td>{E(m.Weighting)}</td></tr>");
            html.Append("</tbody></table>");
        }

        if (r.Test is { } t)
        {
            html.Append($"<{h}>Does {E(r.By)} predict {E(r.Outcome)}?</{h}><p>{E(t.Model)}; {E(t.Test)}.</p>");
            if (t.Effects.Count > 0)
            {
                html.Append($"<table><thead><tr><th scope=\"col\">Group vs {E(t.Reference)}</th><th scope=\"col\">Adjusted {E(t.EffectScale)} (95% CI)</th></tr></thead><tbody>");
                foreach (var e in t.Effects) html.Append($"<tr><th scope=\"row\">{E(e.Group)}</th><td class=\"num\">{Number(e.Estimate)} ({Number(e.Lower)} to {Number(e.Upper)})</td></tr>");
                html.Append("</tbody></table>");
            }

            if (t.EffectSizeName is { } name && t.EffectSize is { } size) html.Append($"<p>Effect size: {E(name)} = {Number(size)}.</p>");
            foreach (var n in t.Notes) html.Append($"<p>{E(n)}</p>");
        }

        if (r.Trend is { } trend) html.Append($"<{h}>Over time</{h}><p class=\"verdict\">{E(trend.Verdict)}</p>");
        if (r.Decisions is { } d)
        {
            html.Append($"<{h}>Decisions</{h}><p>Against group '{E(d.Reference)}'; parity when a disparity lies within [{Number(d.Threshold)}, {Number(1 / d.Threshold)}]. " +
                        $"Demographic parity difference {Number(d.DemographicParityDifference)}, ratio {Number(d.DemographicParityRatio)}; equalized odds difference {Number(d.EqualizedOddsDifference)}, ratio {Number(d.EqualizedOddsRatio)}.</p>");
            html.Append("<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Selected</th><th scope=\"col\">False positive rate</th><th scope=\"col\">False negative rate</th><th scope=\"col\">Parity</th></tr></thead><tbody>");
            foreach (var (g, disparity) in d.Groups.Zip(d.Disparities))
            {
                var missed = disparity.Parity.Where(p => p.Value == false).Select(p => "no " + p.Key).ToList();
                html.Append($"<tr><th scope=\"row\">{E(g.Group)}</th><td class=\"num\">{Rate(g.PredictedPrevalence)}</td><td class=\"num\">{Rate(g.FalsePositiveRate)}</td><td class=\"num\">{Rate(g.FalseNegativeRate)}</td>" +
                            $"<td>{E(missed.Count == 0 ? "all within the band" : string.Join(", ", missed))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (r.Suppression.Withheld.Count > 0 || r.Suppression.Applies)
        {
            html.Append($"<{h}>Suppression</{h}><p>{E(r.Suppression.Rule)}</p>");
            if (r.Suppression.Withheld.Count > 0) html.Append($"<p>Withheld: {E(string.Join("; ", r.Suppression.Withheld))}.</p>");
        }

        if (r.Notes.Count > 0)
        {
            html.Append($"<{h}>Notes</{h}><ul>");
            foreach (var n in r.Notes) html.Append($"<li>{E(n)}</li>");
            html.Append("</ul>");
        }
    }

    private const int Width = 640;

    /// <summary>
    /// Estimates with their intervals: a horizontal dot-and-whisker chart for unordered groups, a
    /// gradient (groups left to right from most disadvantaged) for ordered ones.
    /// </summary>
    private static string Chart(EquityReport r, string id)
    {
        var shown = r.Groups.Where(g => g.Estimate is not null).ToList();
        if (shown.Count == 0) return "";
        var reference = r.Groups.FirstOrDefault(g => g.IsReference)?.Estimate ?? (r.Reference.StartsWith("population average", StringComparison.Ordinal) ? r.Overall.Estimate : null);
        var values = shown.SelectMany(g => new[] { g.Estimate, g.Lower, g.Upper }).OfType<double>().Append(reference ?? shown[0].Estimate!.Value)
            .Concat(r.Slope is { } s ? [s.Disadvantaged, s.Advantaged] : []).ToList();
        var (min, max, ticks) = Scale(values.Min(), values.Max());
        var axis = $"{r.Outcome} ({r.Kind})";
        var title = r.Ordered ? $"{r.Outcome} by {r.By}, from most disadvantaged to most advantaged" : $"{r.Outcome} by {r.By}, with 95% confidence intervals";
        var description = string.Join("; ", r.Groups.Select(g => g.Estimate is null ? $"{g.Group}: suppressed" : $"{g.Group}: {Value(r, g.Estimate)} (95% CI {Value(r, g.Lower)} to {Value(r, g.Upper)})"))
            + (reference is null ? "" : $". Reference: {Value(r, reference)}.");
        var svg = new StringBuilder();
        if (r.Ordered)
        {
            const int left = 70, top = 30, plotHeight = 220;
            var height = top + plotHeight + 60;
            var step = (Width - left - 20) / (double)r.Groups.Count;
            double Y(double v) => top + plotHeight - (v - min) / (max - min) * plotHeight;
            Open(svg, id, height, title, description);
            foreach (var t in ticks)
                svg.Append($"<line x1=\"{left}\" x2=\"{Width - 20}\" y1=\"{F(Y(t))}\" y2=\"{F(Y(t))}\" stroke=\"#ddd\"/><text x=\"{left - 6}\" y=\"{F(Y(t) + 4)}\" text-anchor=\"end\">{Value(r, t)}</text>");
            if (reference is { } refValue)
                svg.Append($"<line x1=\"{left}\" x2=\"{Width - 20}\" y1=\"{F(Y(refValue))}\" y2=\"{F(Y(refValue))}\" stroke=\"#1a1a1a\" stroke-dasharray=\"4 3\"/>");
            // With a fitted slope, groups stand at their ridit (the middle of their population
            // share, from the most disadvantaged end) and the SII line runs from 0 to 1.
            var plotWidth = Width - left - 20;
            var slope = r.Slope;
            var points = new List<string>();
            foreach (var (g, i) in r.Groups.Select((g, i) => (g, i)))
            {
                double x;
                if (slope is not null)
                {
                    if (!slope.Ridits.TryGetValue(g.Group, out var ridit)) continue; // withheld; named in the text alternative and the table
                    x = left + ridit * plotWidth;
                }
                else
                {
                    x = left + step * (i + 0.5);
                }

                svg.Append($"<text x=\"{F(x)}\" y=\"{top + plotHeight + 18}\" text-anchor=\"middle\">{E(g.Group)}</text>");
                if (g.Estimate is not { } est) { svg.Append($"<text x=\"{F(x)}\" y=\"{top + plotHeight / 2}\" text-anchor=\"middle\">suppressed</text>"); continue; }
                if (g.Lower is { } lo && g.Upper is { } hi)
                    svg.Append($"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{F(Y(lo))}\" y2=\"{F(Y(hi))}\" stroke=\"#1a1a1a\"/><line x1=\"{F(x - 5)}\" x2=\"{F(x + 5)}\" y1=\"{F(Y(lo))}\" y2=\"{F(Y(lo))}\" stroke=\"#1a1a1a\"/><line x1=\"{F(x - 5)}\" x2=\"{F(x + 5)}\" y1=\"{F(Y(hi))}\" y2=\"{F(Y(hi))}\" stroke=\"#1a1a1a\"/>");
                svg.Append($"<circle cx=\"{F(x)}\" cy=\"{F(Y(est))}\" r=\"4.5\" fill=\"{(g.IsReference ? "#fff" : "#1a1a1a")}\" stroke=\"#1a1a1a\"/>");
                points.Add($"{F(x)},{F(Y(est))}");
            }

            if (slope is null)
            {
                svg.Append($"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"#777\" stroke-width=\"1\"/>");
                svg.Append($"<text x=\"{(left + Width - 20) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">{E(r.By)} (most disadvantaged → most advantaged)</text>");
            }
            else
            {
                var line = Enumerable.Range(0, 21).Select(k => $"{F(left + k / 20.0 * plotWidth)},{F(Y(slope.At(k / 20.0)))}");
                svg.Append($"<polyline points=\"{string.Join(' ', line)}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\"/>");
                svg.Append($"<text x=\"{F(left + 0.5 * plotWidth)}\" y=\"{F(Y(slope.At(0.5)) + 18)}\" text-anchor=\"middle\">SII line</text>");
                svg.Append($"<text x=\"{(left + Width - 20) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">{E(r.By)}: population share from the most disadvantaged (0) to the most advantaged (1)</text>");
            }
            svg.Append($"<text transform=\"translate(14 {top + plotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">{E(axis)}</text>");
        }
        else
        {
            const int left = 230, top = 30, rowHeight = 26;
            var height = top + rowHeight * r.Groups.Count + 50;
            double X(double v) => left + (v - min) / (max - min) * (Width - left - 20);
            Open(svg, id, height, title, description);
            foreach (var t in ticks)
                svg.Append($"<line x1=\"{F(X(t))}\" x2=\"{F(X(t))}\" y1=\"{top - 8}\" y2=\"{height - 40}\" stroke=\"#ddd\"/><text x=\"{F(X(t))}\" y=\"{height - 26}\" text-anchor=\"middle\">{Value(r, t)}</text>");
            if (reference is { } refValue)
                svg.Append($"<line x1=\"{F(X(refValue))}\" x2=\"{F(X(refValue))}\" y1=\"{top - 12}\" y2=\"{height - 40}\" stroke=\"#1a1a1a\" stroke-dasharray=\"4 3\"/><text x=\"{F(X(refValue))}\" y=\"{top - 16}\" text-anchor=\"middle\">reference</text>");
            foreach (var (g, i) in r.Groups.Select((g, i) => (g, i)))
            {
                var y = top + rowHeight * i + rowHeight / 2.0;
                svg.Append($"<text x=\"{left - 8}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{E(g.Group)}</text>");
                if (g.Estimate is not { } est) { svg.Append($"<text x=\"{left + 4}\" y=\"{F(y + 4)}\">suppressed</text>"); continue; }
                if (g.Lower is { } lo && g.Upper is { } hi)
                    svg.Append($"<line x1=\"{F(X(lo))}\" x2=\"{F(X(hi))}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#1a1a1a\"/><line x1=\"{F(X(lo))}\" x2=\"{F(X(lo))}\" y1=\"{F(y - 5)}\" y2=\"{F(y + 5)}\" stroke=\"#1a1a1a\"/><line x1=\"{F(X(hi))}\" x2=\"{F(X(hi))}\" y1=\"{F(y - 5)}\" y2=\"{F(y + 5)}\" stroke=\"#1a1a1a\"/>");
                svg.Append($"<circle cx=\"{F(X(est))}\" cy=\"{F(y)}\" r=\"4.5\" fill=\"{(g.IsReference ? "#fff" : "#1a1a1a")}\" stroke=\"#1a1a1a\"/>");
            }

            svg.Append($"<text x=\"{(left + Width - 20) / 2}\" y=\"{height - 6}\" text-anchor=\"middle\">{E(axis)}</text>");
        }

        svg.Append("</svg>");
        return Figure(svg, title, "Dots are estimates, whiskers 95% confidence intervals; the thin dashed line is the reference; an open dot is the reference group"
            + (r.Ordered && r.Slope is not null ? "; the long-dashed line is the fitted slope index of inequality." : "."));
    }

    /// <summary>Each group's difference from the reference in each period, so a closing or widening gap shows as a line moving towards or away from zero.</summary>
    private static string TrendChart(EquityReport r, string id)
    {
        var groups = r.Periods.SelectMany(p => p.Groups).Where(g => g.Difference is not null).Select(g => g.Group).Distinct().ToList();
        if (groups.Count == 0) return "";
        var values = r.Periods.SelectMany(p => p.Groups).Select(g => g.Difference).OfType<Contrast>().SelectMany(d => new[] { d.Estimate }).Append(0).ToList();
        var (min, max, ticks) = Scale(values.Min(), values.Max());
        const int left = 70, top = 30, plotHeight = 200, legend = 200;
        var height = top + plotHeight + 50;
        var step = (Width - left - legend) / (double)Math.Max(1, r.Periods.Count - 1);
        double Y(double v) => top + plotHeight - (v - min) / (max - min) * plotHeight;
        var title = $"Gap in {r.Outcome} against the reference, by period";
        var description = string.Join("; ", groups.Select(g => $"{g}: " + string.Join(", ", r.Periods.Select(p =>
            $"{p.Period} {(p.Groups.FirstOrDefault(x => x.Group == g)?.Difference is { } d ? Value(r, d.Estimate) : "n/a")}"))));
        var svg = new StringBuilder();
        Open(svg, id + "-trend", height, title, description);
        foreach (var t in ticks)
            svg.Append($"<line x1=\"{left}\" x2=\"{Width - legend}\" y1=\"{F(Y(t))}\" y2=\"{F(Y(t))}\" stroke=\"{(t == 0 ? "#1a1a1a" : "#ddd")}\"/><text x=\"{left - 6}\" y=\"{F(Y(t) + 4)}\" text-anchor=\"end\">{Value(r, t)}</text>");
        string[] dashes = ["", "6 3", "2 2", "8 3 2 3", "1 3"];
        foreach (var (g, i) in groups.Select((g, i) => (g, i)))
        {
            var points = r.Periods.Select((p, k) => (k, d: p.Groups.FirstOrDefault(x => x.Group == g)?.Difference)).Where(t => t.d is not null)
                .Select(t => $"{F(left + step * t.k)},{F(Y(t.d!.Estimate))}").ToList();
            svg.Append($"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"{dashes[i % dashes.Length]}\"/>");
            svg.Append($"<line x1=\"{Width - legend + 10}\" x2=\"{Width - legend + 34}\" y1=\"{top + 16 * i}\" y2=\"{top + 16 * i}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"{dashes[i % dashes.Length]}\"/><text x=\"{Width - legend + 40}\" y=\"{top + 16 * i + 4}\">{E(Short(g))}</text>");
        }

        foreach (var (p, k) in r.Periods.Select((p, k) => (p, k)))
            svg.Append($"<text x=\"{F(left + step * k)}\" y=\"{top + plotHeight + 18}\" text-anchor=\"middle\">{E(p.Period)}</text>");
        svg.Append($"<text x=\"{(left + Width - legend) / 2}\" y=\"{height - 8}\" text-anchor=\"middle\">period</text>");
        svg.Append($"<text transform=\"translate(14 {top + plotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">difference from reference</text></svg>");
        return Figure(svg, title, "Each line is one group's difference from the reference; zero means no gap.");
    }

    private static void Open(StringBuilder svg, string id, int height, string title, string description) =>
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">" +
                   $"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(description)}</desc>");

    private static string Figure(StringBuilder svg, string title, string caption) =>
        $"<figure>{svg}<figcaption><strong>{E(title)}.</strong> {E(caption)}</figcaption></figure>";

    /// <summary>A padded axis range with about five round tick values.</summary>
    private static (double Min, double Max, List<double> Ticks) Scale(double low, double high)
    {
        if (high - low < 1e-12) { low -= 1; high += 1; }
        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        var ticks = new List<double>();
        for (var t = min; t <= max + step / 2; t += step) ticks.Add(Math.Round(t / step) * step);
        return (min, max, ticks);
    }

    private static string Short(string text) => text.Length <= 22 ? text : text[..21] + "…";

    private static string Value(EquityReport r, double? v) => v is not { } x ? "–"
        : Math.Abs(x) < 1e-12 ? (r.Kind == "proportion" ? "0.0%" : "0")
        : r.Kind == "proportion" ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : Number(x);

    private static string Contrast(Contrast? c, EquityReport r, bool difference) => c is null ? "–"
        : difference && r.Kind == "proportion"
            ? $"{Points(c.Estimate)} pts ({Points(c.Lower)} to {Points(c.Upper)})"
            : $"{Number(c.Estimate)} ({Number(c.Lower)} to {Number(c.Upper)})";

    private static string Points(double proportion) => (100 * proportion).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);

    private static string Rate(double? v) => v is { } x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Count(double? v) => v is { } x ? x.ToString(x == Math.Floor(x) ? "N0" : "N1", CultureInfo.InvariantCulture) : "–";

    private static string Number(double v) => Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 10 ? v.ToString("0.0#", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
