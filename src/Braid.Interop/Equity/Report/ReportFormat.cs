using System.Globalization;
using Braid.Core.Equity;

namespace Braid.Interop.Equity.Report;

/// <summary>How the report writes numbers and lays out chart axes; the same in every language, so figures compare across reports.</summary>
public static class ReportFormat
{
    public const int Width = 640;

    /// <summary>A padded axis range with about five round tick values.</summary>
    public static (double Min, double Max, List<double> Ticks) Scale(double low, double high)
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

    public static string Short(string text) => text.Length <= 22 ? text : text[..21] + "…";

    public static string Value(EquityReport r, double? v) => v is not { } x ? "–"
        : Math.Abs(x) < 1e-12 ? (r.Proportions ? "0.0%" : "0")
        : r.Proportions ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : Number(x);

    public static string Points(double proportion) => (100 * proportion).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);

    public static string Rate(double? v) => v is { } x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Count(double? v) => v is { } x ? x.ToString(x == Math.Floor(x) ? "N0" : "N1", CultureInfo.InvariantCulture) : "–";

    public static string Number(double v) => Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 10 ? v.ToString("0.0#", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate.</summary>
    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
