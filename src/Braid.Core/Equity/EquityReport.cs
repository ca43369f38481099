using System.Text.Json.Serialization;

namespace Braid.Core.Equity;

/// <summary>One group's line in a report. Withheld figures are null and <see cref="Suppressed"/> says why.</summary>
public sealed record GroupRow(
    string Group, int? Order, double? Units, double? Events, double? Estimate, double? Lower, double? Upper, string? Method,
    Contrast? Difference, Contrast? Ratio, bool IsReference, string? Suppressed);

/// <summary>
/// The fitted slope-index line from the most disadvantaged end (ridit 0) to the most advantaged
/// (ridit 1): straight, or exponential with the log transform; and each shown group's ridit.
/// </summary>
public sealed record SlopeLine(double Disadvantaged, double Advantaged, SlopeTransform Transform, IReadOnlyDictionary<string, double> Ridits)
{
    /// <summary>The fitted value at ridit <paramref name="x"/>.</summary>
    public double At(double x) => Transform == SlopeTransform.Log
        ? Math.Exp(Math.Log(Disadvantaged) + (Math.Log(Advantaged) - Math.Log(Disadvantaged)) * x)
        : Disadvantaged + (Advantaged - Disadvantaged) * x;
}

/// <summary>The groups in one period.</summary>
public sealed record PeriodGroups(string Period, IReadOnlyList<GroupRow> Groups);

/// <summary>The report for one stratum (e.g. one county).</summary>
public sealed record StratumReport(string Stratum, EquityReport Report);

/// <summary>What was withheld and by which rule.</summary>
public sealed record SuppressionSummary(bool Applies, int Threshold, string Rule, IReadOnlyList<string> Withheld);

/// <summary>
/// An equity report: per-group estimates with intervals and contrasts against the reference,
/// summary measures, the race test and its trend, per-stratum reports, what was suppressed, and
/// the choices (view, reference, direction, weighting) it was made with.
/// </summary>
public sealed record EquityReport(
    string Title, string Outcome, string Kind, string By, string View, bool Ordered, string Reference, string Direction, string Units,
    GroupRow Overall, IReadOnlyList<GroupRow> Groups, IReadOnlyList<MeasureValue> Measures, PredictionTest? Test,
    IReadOnlyList<PeriodGroups> Periods, TrendTest? Trend, IReadOnlyList<StratumReport> Strata, SuppressionSummary Suppression,
    IReadOnlyList<string> Notes, IReadOnlyList<string> Sources)
{
    /// <summary>Whether the estimates are proportions (shown as percentages, gaps in points); <see cref="Kind"/> says it in words.</summary>
    [JsonIgnore]
    public bool Proportions { get; init; }

    /// <summary>The column the strata come from, when there are strata.</summary>
    public string? Per { get; init; }

    /// <summary>The decision audit, when a decision column was given.</summary>
    public DecisionAudit? Decisions { get; init; }

    /// <summary>For ordered groups, the fitted SII line and each group's ridit, to draw the gradient.</summary>
    public SlopeLine? Slope { get; init; }
}
