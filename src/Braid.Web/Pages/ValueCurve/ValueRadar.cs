using Braid.Core.Partnership;

namespace Braid.Web.Pages.ValueCurve;

/// <summary>A radar chart of Value Curve levels: one polygon per series (first and latest, or the partnership's mean), with its title; the page's table is its text alternative.</summary>
public sealed record ValueRadarChart(string Id, string Title, IReadOnlyList<(string Label, IReadOnlyDictionary<ValueDimension, double> Levels, string Css)> Series)
{
    public const double Size = 360, Centre = Size / 2, Radius = 120;

    public static IReadOnlyDictionary<ValueDimension, double> Of(ValueCurveAssessment assessment) => assessment.Levels.ToDictionary(l => l.Key, l => (double)(int)l.Value);

    public static string Polygon(IReadOnlyDictionary<ValueDimension, double> levels) =>
        string.Join(" ", Enum.GetValues<ValueDimension>().Select(d => ValueRadar.Point(d, levels.GetValueOrDefault(d), Centre, Radius)).Select(p => FormattableString.Invariant($"{p.X:0.##},{p.Y:0.##}")));
}
