namespace Braid.Core.Equity;

/// <summary>
/// One group's decisions against what turned out true (e.g. a screening flag against the need
/// confirmed later): the confusion matrix and the rates the fairness literature compares.
/// Rates with an empty denominator are null.
/// </summary>
public sealed record DecisionGroup(
    string Group, int Size, int PredictedPositive, int PredictedNegative, int LabelPositive, int LabelNegative,
    int TruePositive, int FalsePositive, int TrueNegative, int FalseNegative,
    double? PredictedPositiveShare, double? PredictedPrevalence, double? TruePositiveRate, double? FalsePositiveRate,
    double? FalseNegativeRate, double? FalseOmissionRate, double? FalseDiscoveryRate);

/// <summary>A group's rates divided by the reference group's, and whether each lies within the parity band [τ, 1/τ].</summary>
public sealed record DecisionDisparity(
    string Group, double? PredictedPositiveShare, double? PredictedPrevalence, double? FalsePositiveRate, double? FalseNegativeRate,
    double? FalseOmissionRate, double? FalseDiscoveryRate, IReadOnlyDictionary<string, bool?> Parity);

/// <summary>The decision audit of a grouping: per-group rates, disparities against the reference, and the summary differences and ratios.</summary>
public sealed record DecisionAudit(
    string Reference, double Threshold, IReadOnlyList<DecisionGroup> Groups, IReadOnlyList<DecisionDisparity> Disparities,
    double DemographicParityDifference, double DemographicParityRatio, double EqualizedOddsDifference, double EqualizedOddsRatio);

/// <summary>
/// Fairness of yes/no decisions across groups, with the definitions of Aequitas (Saleiro et al.
/// 2018: disparity = group rate ÷ reference rate; parity when τ ≤ disparity ≤ 1/τ, inclusive) and
/// of Fairlearn (demographic parity: selection rates; equalized odds: true and false positive rates;
/// difference = largest − smallest, ratio = smallest ÷ largest).
/// </summary>
public static class DecisionFairness
{
    public static DecisionAudit Audit(IReadOnlyList<(string Group, bool Label, bool Decision)> units, string? reference = null, double threshold = 0.8)
    {
        if (units.Count == 0) throw new EquityInputException("rows", EquityText.Get("there-are-no-decisions-to-audit"));
        if (!(threshold is > 0 and <= 1)) throw new EquityInputException("threshold", EquityText.Get("the-parity-threshold-must-be-in", threshold));
        var totalPositive = units.Count(u => u.Decision);
        var groups = units.GroupBy(u => u.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            int tp = g.Count(u => u.Label && u.Decision), fp = g.Count(u => !u.Label && u.Decision);
            int tn = g.Count(u => !u.Label && !u.Decision), fn = g.Count(u => u.Label && !u.Decision);
            var size = tp + fp + tn + fn;
            return new DecisionGroup(g.Key, size, tp + fp, tn + fn, tp + fn, fp + tn, tp, fp, tn, fn,
                Rate(tp + fp, totalPositive), Rate(tp + fp, size), Rate(tp, tp + fn), Rate(fp, fp + tn), Rate(fn, fn + tp), Rate(fn, fn + tn), Rate(fp, fp + tp));
        }).ToList();
        if (groups.Count < 2) throw new EquityInputException("by", EquityText.Get("every-decision-is-in-one-group", groups[0].Group));

        // Aequitas' default reference is the largest group.
        var referenceGroup = reference is null ? groups.MaxBy(g => g.Size)!
            : groups.FirstOrDefault(g => g.Group == reference) ?? throw new EquityInputException("reference", EquityText.Get("no-group-is-called-groups-are", reference, string.Join(", ", groups.Select(g => g.Group))));
        var disparities = groups.Select(g =>
        {
            var ppr = Divide(g.PredictedPositiveShare, referenceGroup.PredictedPositiveShare);
            var pprev = Divide(g.PredictedPrevalence, referenceGroup.PredictedPrevalence);
            var fpr = Divide(g.FalsePositiveRate, referenceGroup.FalsePositiveRate);
            var fnr = Divide(g.FalseNegativeRate, referenceGroup.FalseNegativeRate);
            var @for = Divide(g.FalseOmissionRate, referenceGroup.FalseOmissionRate);
            var fdr = Divide(g.FalseDiscoveryRate, referenceGroup.FalseDiscoveryRate);
            bool? Within(double? d) => d is { } v ? v >= threshold && v <= 1 / threshold : null;
            var parity = new Dictionary<string, bool?>
            {
                ["FNR Parity"] = Within(fnr), ["FPR Parity"] = Within(fpr), ["FOR Parity"] = Within(@for), ["FDR Parity"] = Within(fdr),
                ["Statistical Parity"] = Within(ppr), ["Impact Parity"] = Within(pprev),
            };
            parity["TypeI Parity"] = And(parity["FPR Parity"], parity["FDR Parity"]);
            parity["TypeII Parity"] = And(parity["FOR Parity"], parity["FNR Parity"]);
            parity["Unsupervised Fairness"] = And(parity["Statistical Parity"], parity["Impact Parity"]);
            parity["Supervised Fairness"] = And(parity["TypeI Parity"], parity["TypeII Parity"]);
            return new DecisionDisparity(g.Group, ppr, pprev, fpr, fnr, @for, fdr, parity);
        }).ToList();

        var selection = groups.Select(g => g.PredictedPrevalence ?? 0).ToList();
        var tpr = groups.Where(g => g.TruePositiveRate is not null).Select(g => g.TruePositiveRate!.Value).ToList();
        var fprs = groups.Where(g => g.FalsePositiveRate is not null).Select(g => g.FalsePositiveRate!.Value).ToList();
        if (tpr.Count == 0 || fprs.Count == 0)
            throw new EquityInputException("label", EquityText.Get("equalized-odds-needs-groups-with-both"));
        return new DecisionAudit(referenceGroup.Group, threshold, groups, disparities,
            selection.Max() - selection.Min(), RatioOf(selection),
            Math.Max(tpr.Max() - tpr.Min(), fprs.Max() - fprs.Min()), Math.Min(RatioOf(tpr), RatioOf(fprs)));
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static double? Divide(double? a, double? b) => a is { } x && b is { } y && y != 0 ? x / y : null;

    private static bool? And(bool? a, bool? b) => a is null || b is null ? null : a.Value && b.Value;

    private static double RatioOf(List<double> values) => values.Max() == 0 ? 1 : values.Min() / values.Max();
}
