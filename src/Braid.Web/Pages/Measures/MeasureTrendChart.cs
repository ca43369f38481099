using System.Globalization;
using Braid.Application.Partnership;
using Braid.Core.Partnership;

namespace Braid.Web.Pages.Measures;

/// <summary>
/// A measure's trend as an SVG line: one point per quarter not withheld, the target as a dashed line,
/// the value axis from zero (to 100 % for a share); the page's table of quarters is its text alternative.
/// </summary>
public sealed record MeasureTrendChart(string Title, IReadOnlyList<(string Quarter, double X, double Y, string Label)> Points, double TargetY, string Top, double Width)
{
    public const double Height = 220, Left = 48, Right = 16, PlotTop = 16, Bottom = 28;

    public double PlotBottom => Height - Bottom;

    public string Polyline => string.Join(" ", Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.##},{p.Y:0.##}")));

    public static MeasureTrendChart Of(MeasureView view, string title)
    {
        var kind = view.Measure.Kind;
        var max = MeasureRules.IsShare(kind) ? 1 : Math.Max(view.Measure.Target, view.Trend.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max()) * 1.1;
        if (max <= 0) max = 1;
        var width = Left + Right + Math.Max(1, view.Trend.Count - 1) * 40;
        double X(int i) => Left + i * 40;
        double Y(double value) => PlotTop + (Height - Bottom - PlotTop) * (1 - value / max);
        var points = view.Trend.Select((p, i) => (p, i)).Where(t => t.p.Value is not null)
            .Select(t => (t.p.Label, X(t.i), Y(t.p.Value!.Value), MeasureRules.Display(kind, t.p.Value!.Value))).ToList();
        return new MeasureTrendChart(title, points, Y(view.Measure.Target), MeasureRules.Display(kind, max), width);
    }
}
