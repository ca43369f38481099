using MathNet.Numerics.LinearAlgebra;

namespace Braid.Core.Equity;

/// <summary>
/// One group's published figure: its population (the weight), its estimate (a percentage, rate or
/// mean), optionally the estimate's standard error, and for ordered dimensions its rank, 1 being
/// the most disadvantaged (e.g. HOLC grade D, the poorest quintile).
/// </summary>
public sealed record GroupValue(string Group, double Population, double Estimate, double? StandardError = null, int? Order = null);

/// <summary>
/// A summary measure's value and the choices it was computed with, so a report can say them; the
/// standard error where the measure has one (D, R on the log scale, BGV, Theil and MLD from the
/// groups' own; ACI and RCI from their regression; PAR and PAF, for proportions, by Walter's formula).
/// </summary>
public sealed record MeasureValue(string Measure, double Value, string Reference, string Weighting, double? StandardError = null);

/// <summary>
/// Summary measures of inequality across groups, following the WHO Health Equity Assessment
/// Toolkit (HEAT) technical notes and Harper &amp; Lynch (NCI 2005): population shares are the
/// weights, "μ" is the population-weighted mean, and for ordered groups the ridit score of a group
/// is the cumulative population share up to its midpoint, from the most disadvantaged group.
/// </summary>
public sealed class SummaryMeasures
{
    private readonly GroupValue[] _groups;
    private readonly double[] _share;
    private readonly double? _proportionScale;

    /// <param name="groups">The groups' figures.</param>
    /// <param name="proportionScale">When the estimates are proportions, their scale (1, or 100 for percentages): PAR and PAF then carry standard errors.</param>
    public SummaryMeasures(IEnumerable<GroupValue> groups, double? proportionScale = null)
    {
        _proportionScale = proportionScale;
        _groups = [.. groups];
        if (_groups.Length < 2) throw new EquityInputException("groups", EquityText.Get("summary-measures-need-at-least-two-2", _groups.Length));
        if (_groups.FirstOrDefault(g => !(g.Population > 0) || !double.IsFinite(g.Population)) is { } empty)
            throw new EquityInputException(empty.Group, EquityText.Get("group-has-population-populations-must-be", empty.Group, empty.Population));
        if (_groups.FirstOrDefault(g => !double.IsFinite(g.Estimate)) is { } bad)
            throw new EquityInputException(bad.Group, EquityText.Get("group-has-no-numeric-estimate", bad.Group));
        var total = _groups.Sum(g => g.Population);
        _share = [.. _groups.Select(g => g.Population / total)];
        Mean = _groups.Select((g, i) => _share[i] * g.Estimate).Sum();
    }

    /// <summary>μ, the population-weighted mean of the group estimates (the setting average).</summary>
    public double Mean { get; }

    /// <summary>BGV: Σ pⱼ (yⱼ − μ)², with its standard error from the groups' (WHO HEAT technical notes; healthequal).</summary>
    public MeasureValue BetweenGroupVariance()
    {
        var value = Weighted(i => Math.Pow(_groups[i].Estimate - Mean, 2));
        double? se = null;
        if (StandardErrors() is { } e)
        {
            var p = _share;
            double Sum(Func<int, double> f) => Enumerable.Range(0, p.Length).Sum(f);
            var s2 = Sum(i => p[i] * p[i] * e[i] * e[i]);
            se = Math.Sqrt(4 * Sum(i => p[i] * p[i] * e[i] * e[i] * Math.Pow(_groups[i].Estimate - Mean, 2))
                           + 2 * (s2 * s2 - Sum(i => Math.Pow(p[i] * e[i], 4)) + Sum(i => p[i] * p[i] * Math.Pow(1 - p[i], 2) * Math.Pow(e[i], 4))));
        }

        return new("BGV", value, EquityText.Get("population-weighted-mean"), EquityText.Get("population-shares"), Finite(se));
    }

    /// <summary>BGSD: the square root of BGV.</summary>
    public MeasureValue BetweenGroupStandardDeviation() => new("BGSD", Math.Sqrt(BetweenGroupVariance().Value), EquityText.Get("population-weighted-mean"), EquityText.Get("population-shares"));

    /// <summary>COV: BGSD as a percentage of μ.</summary>
    public MeasureValue CoefficientOfVariation() => new("COV", 100 * BetweenGroupStandardDeviation().Value / Mean, EquityText.Get("population-weighted-mean"), EquityText.Get("population-shares"));

    /// <summary>Index of disparity: the mean absolute difference from μ, as a percentage of μ.</summary>
    public MeasureValue IndexOfDisparity(bool weighted) =>
        new(weighted ? "IDisW" : "IDisU", 100 * MeanDifference(i => Mean, weighted) / Mean, EquityText.Get("population-weighted-mean"), Weighting(weighted));

    /// <summary>MDB: mean absolute difference from the best group (highest estimate for a favourable indicator, lowest for an adverse one).</summary>
    public MeasureValue MeanDifferenceFromBest(bool weighted, bool favourable)
    {
        var best = favourable ? _groups.Max(g => g.Estimate) : _groups.Min(g => g.Estimate);
        return new(weighted ? "MDBW" : "MDBU", MeanDifference(_ => best, weighted), EquityText.Get("best-group-estimate-2", (favourable ? EquityText.Get("highest") : EquityText.Get("lowest"))), Weighting(weighted));
    }

    /// <summary>MDM: mean absolute difference from μ.</summary>
    public MeasureValue MeanDifferenceFromMean(bool weighted) =>
        new(weighted ? "MDMW" : "MDMU", MeanDifference(_ => Mean, weighted), EquityText.Get("population-weighted-mean"), Weighting(weighted));

    /// <summary>MDR: mean absolute difference from a named reference group.</summary>
    public MeasureValue MeanDifferenceFromReference(string referenceGroup, bool weighted)
    {
        var reference = Find(referenceGroup);
        return new(weighted ? "MDRW" : "MDRU", MeanDifference(_ => reference.Estimate, weighted), EquityText.Get("group", referenceGroup), Weighting(weighted));
    }

    /// <summary>Theil index: Σ pⱼ rⱼ ln rⱼ with rⱼ = yⱼ/μ; its standard error by the delta method (WHO HEAT; healthequal).</summary>
    public MeasureValue Theil()
    {
        double? se = null;
        if (StandardErrors() is { } e)
        {
            var centre = Weighted(i => Relative(i) * (1 + Math.Log(Relative(i))));
            se = Math.Sqrt(Enumerable.Range(0, _groups.Length).Sum(i => Math.Pow(1 + Math.Log(Relative(i)) - centre, 2) * Math.Pow(_share[i] * e[i] / Mean, 2)));
        }

        return new("Theil", Weighted(i => Relative(i) * Math.Log(Relative(i))), EquityText.Get("population-weighted-mean"), EquityText.Get("population-shares"), Finite(se));
    }

    /// <summary>
    /// Gini coefficient of the estimate across groups (Gini's mean difference over twice the mean):
    /// Σᵢ Σⱼ pᵢ pⱼ |yᵢ − yⱼ| / 2μ, population-weighted; 0 when every group has the same rate, and
    /// 1 − 1/n when one of n equal groups has all of it.
    /// </summary>
    public MeasureValue Gini()
    {
        var sum = 0.0;
        for (var i = 0; i < _groups.Length; i++)
        {
            for (var j = 0; j < _groups.Length; j++) sum += _share[i] * _share[j] * Math.Abs(_groups[i].Estimate - _groups[j].Estimate);
        }

        return new("Gini", sum / (2 * Mean), EquityText.Get("population-weighted-mean"), EquityText.Get("population-shares"));
    }

    /// <summary>Mean log deviation: Σ pⱼ (−ln rⱼ).</summary>
    public MeasureValue MeanLogDeviation()
    {
        double? se = StandardErrors() is { } e
            ? Math.Sqrt(Enumerable.Range(0, _groups.Length).Sum(i => Math.Pow(_share[i] * e[i] / Mean, 2) * Math.Pow(1 - 1 / Relative(i), 2)))
            : null;
        return new("MLD", Weighted(i => -Math.Log(Relative(i))), EquityText.Get("population-weighted-mean"), EquityText.Get("population-shares"), Finite(se));
    }

    /// <summary>
    /// Population attributable risk: how much the setting average would change if every group did
    /// as well as the reference (the best group, or for ordered groups the most advantaged one).
    /// </summary>
    public MeasureValue PopulationAttributableRisk(bool favourable, bool ordered)
    {
        var (reference, label) = ReferenceForAttributable(favourable, ordered);
        return new("PAR", reference.Estimate - Mean, label, EquityText.Get("population-shares"), Mean * AttributableFractionStandardError(reference));
    }

    /// <summary>Population attributable fraction: PAR as a percentage of μ.</summary>
    public MeasureValue PopulationAttributableFraction(bool favourable, bool ordered)
    {
        var par = PopulationAttributableRisk(favourable, ordered);
        return new("PAF", 100 * par.Value / Mean, par.Reference, par.Weighting, 100 * par.StandardError / Mean);
    }

    /// <summary>
    /// Difference: for ordered groups, the most advantaged group's estimate minus the most
    /// disadvantaged one's; otherwise the highest minus the lowest estimate.
    /// </summary>
    public MeasureValue Difference(bool ordered)
    {
        var (high, low, label) = Extremes(ordered);
        // Schlotheuber & Hosseinpoor (2022); WHO healthequal: SE(D) = √(se₁² + se₂²).
        double? se = high.StandardError is { } a && low.StandardError is { } b ? Math.Sqrt(a * a + b * b) : null;
        return new("D", high.Estimate - low.Estimate, label, EquityText.Get("none-two-groups"), Finite(se));
    }

    /// <summary>Ratio: the same two groups as <see cref="Difference"/>, divided.</summary>
    public MeasureValue Ratio(bool ordered)
    {
        var (high, low, label) = Extremes(ordered);
        if (low.Estimate == 0) throw new EquityInputException(low.Group, EquityText.Get("group-has-estimate-so-the-ratio", low.Group));
        var r = high.Estimate / low.Estimate;
        // The delta method on log R (Ahn et al. 2018, as WHO healthequal): SE(R) = √((se₁² + R² se₂²) / y₂²), SE(ln R) = SE(R) / R.
        double? se = high.StandardError is { } a && low.StandardError is { } b ? Math.Sqrt((a * a + r * r * b * b) / (low.Estimate * low.Estimate)) / r : null;
        return new("R", r, label, EquityText.Get("none-two-groups"), Finite(se));
    }

    /// <summary>
    /// Slope index of inequality by weighted least squares (Harper &amp; Lynch; UKHSA
    /// PHEindicatormethods): the estimates regressed on the groups' ridit scores with population
    /// shares as weights. The fitted line runs from the most disadvantaged end (ridit 0, the
    /// intercept) to the most advantaged (ridit 1); SII is the difference between its ends and RII
    /// their ratio. With <paramref name="transform"/> the regression is on log rates or logit
    /// proportions and the ends are transformed back before they are compared (UKHSA's option).
    /// </summary>
    public SlopeIndex SlopeIndexOfInequality(SlopeTransform transform = SlopeTransform.None)
    {
        var ridits = Ridits();
        var y = _groups.Select(g => transform switch
        {
            SlopeTransform.Log => g.Estimate > 0 ? Math.Log(g.Estimate) : throw new EquityInputException(g.Group, EquityText.Get("group-has-estimate-a-log-transform", g.Group, g.Estimate)),
            SlopeTransform.Logit => g.Estimate is > 0 and < 1 ? Math.Log(g.Estimate / (1 - g.Estimate)) : throw new EquityInputException(g.Group, EquityText.Get("group-has-estimate-a-logit-transform", g.Group, g.Estimate)),
            _ => g.Estimate,
        }).ToArray();
        var meanX = Weighted(i => ridits[i]);
        var meanY = Weighted(i => y[i]);
        var slope = Weighted(i => (ridits[i] - meanX) * (y[i] - meanY)) / Weighted(i => Math.Pow(ridits[i] - meanX, 2));
        var intercept = meanY - slope * meanX;
        Func<double, double> back = transform switch
        {
            SlopeTransform.Log => Math.Exp,
            SlopeTransform.Logit => Expit,
            _ => v => v,
        };
        var method = transform switch
        {
            SlopeTransform.Log => EquityText.Get("weighted-least-squares-on-log-values"),
            SlopeTransform.Logit => EquityText.Get("weighted-least-squares-on-logit-values"),
            _ => EquityText.Get("weighted-least-squares-population-shares"),
        };
        return Ends(back(intercept), back(intercept + slope), method);
    }

    /// <summary>
    /// SII and RII from a logistic model, as the WHO healthequal package computes them for
    /// tabulated proportions: each group becomes whole people (population rounded up, events
    /// rounded), ridits come from those populations, and a quasi-binomial GLM of events out of
    /// people on ridit is fitted with the population as prior weight (R's binomial family then
    /// weights each group by population × people, i.e. population²). The ends are the predicted
    /// proportions at ridit 0 and 1, times <paramref name="scale"/>.
    /// </summary>
    public SlopeIndex LogisticSlopeIndexOfInequality(double scale = 100)
    {
        if (_groups.FirstOrDefault(g => g.Estimate < 0 || g.Estimate > scale) is { } outside)
            throw new EquityInputException(outside.Group, EquityText.Get("group-has-estimate-outside-the-logistic", outside.Group, outside.Estimate, scale));
        var order = Enumerable.Range(0, _groups.Length).OrderBy(i => _groups[i].Order ?? throw new EquityInputException(_groups[i].Group,
            EquityText.Get("group-has-no-order-this-measure", _groups[i].Group))).ToArray();
        var people = order.Select(i => Math.Ceiling(_groups[i].Population)).ToArray();
        var p = order.Select((i, k) => Math.Round(_groups[i].Estimate / scale * people[k], MidpointRounding.ToEven) / people[k]).ToArray();
        var total = people.Sum();
        var ridits = new double[people.Length];
        var below = 0.0;
        for (var k = 0; k < people.Length; k++)
        {
            ridits[k] = (below + people[k] / 2) / total;
            below += people[k];
        }

        double a = 0, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double s00 = 0, s01 = 0, s11 = 0, r0 = 0, r1 = 0;
            for (var k = 0; k < people.Length; k++)
            {
                var eta = a + b * ridits[k];
                var fitted = Expit(eta);
                var w = people[k] * people[k] * fitted * (1 - fitted);
                var z = eta + (p[k] - fitted) / (fitted * (1 - fitted));
                s00 += w; s01 += w * ridits[k]; s11 += w * ridits[k] * ridits[k];
                r0 += w * z; r1 += w * z * ridits[k];
            }

            var det = s00 * s11 - s01 * s01;
            var (nextA, nextB) = ((s11 * r0 - s01 * r1) / det, (s00 * r1 - s01 * r0) / det);
            var change = Math.Abs(nextA - a) + Math.Abs(nextB - b);
            (a, b) = (nextA, nextB);
            if (change <= 1e-14) break;
        }

        return Ends(scale * Expit(a), scale * Expit(a + b), EquityText.Get("logistic-regression-quasi-binomial-on-whole"));
    }

    private static SlopeIndex Ends(double disadvantaged, double advantaged, string method)
    {
        var reference = EquityText.Get("ridit-most-disadvantaged-to-ridit-most");
        return new SlopeIndex(
            new("SII", advantaged - disadvantaged, reference, method),
            new("RII", advantaged / disadvantaged, reference, method),
            new("KMI", disadvantaged / advantaged, EquityText.Get("most-disadvantaged-end-over-most-advantaged"), method),
            disadvantaged);
    }

    private static double Expit(double t) => 1 / (1 + Math.Exp(-t));

    /// <summary>Absolute concentration index: Σ pⱼ (2Xⱼ − 1) yⱼ with Xⱼ the ridit of group j (ordered groups only).</summary>
    public MeasureValue AbsoluteConcentrationIndex()
    {
        var ridits = Ridits();
        return new("ACI", Weighted(i => (2 * ridits[i] - 1) * _groups[i].Estimate), EquityText.Get("ridit-scores-from-the-most-disadvantaged"), EquityText.Get("population-shares"),
            ConcentrationIndexStandardError(ridits));
    }

    /// <summary>Relative concentration index: ACI / μ.</summary>
    public MeasureValue RelativeConcentrationIndex()
    {
        var aci = AbsoluteConcentrationIndex();
        return new("RCI", aci.Value / Mean, EquityText.Get("ridit-scores-from-the-most-disadvantaged"), EquityText.Get("population-shares"), aci.StandardError / Mean);
    }

    /// <summary>
    /// The standard error of ACI from the "convenient regression" (Kakwani, Wagstaff &amp; van
    /// Doorslaer 1997; O'Donnell et al. 2008, as WHO healthequal reports it):
    /// 2σ²ᵣ yⱼ √nⱼ = α √nⱼ + β Xⱼ √nⱼ by least squares, β being ACI; needs three groups or more.
    /// </summary>
    private double? ConcentrationIndexStandardError(double[] ridits)
    {
        var n = _groups.Length;
        if (n < 3) return null;
        var spread = Weighted(i => Math.Pow(ridits[i] - 0.5, 2));
        var x = Matrix<double>.Build.Dense(n, 2, (i, j) => Math.Sqrt(_groups[i].Population) * (j == 0 ? ridits[i] : 1));
        var y = Vector<double>.Build.Dense(n, i => 2 * spread * _groups[i].Estimate * Math.Sqrt(_groups[i].Population));
        var inverse = x.TransposeThisAndMultiply(x).Inverse();
        var residuals = y - x * (inverse * x.TransposeThisAndMultiply(y));
        return Finite(Math.Sqrt(residuals.DotProduct(residuals) / (n - 2) * inverse[0, 0]));
    }

    /// <summary>Ridit score of each group (in input order): the cumulative population share up to its midpoint, by order.</summary>
    public double[] Ridits()
    {
        if (_groups.FirstOrDefault(g => g.Order is null) is { } unordered)
            throw new EquityInputException(unordered.Group, EquityText.Get("group-has-no-order-this-measure", unordered.Group));
        var ridits = new double[_groups.Length];
        var below = 0.0;
        foreach (var i in Enumerable.Range(0, _groups.Length).OrderBy(i => _groups[i].Order))
        {
            ridits[i] = below + _share[i] / 2;
            below += _share[i];
        }

        return ridits;
    }

    private (GroupValue High, GroupValue Low, string Label) Extremes(bool ordered)
    {
        if (ordered)
        {
            Ridits(); // every group must be ordered
            var (top, bottom) = (_groups.MaxBy(g => g.Order)!, _groups.MinBy(g => g.Order)!);
            return (top, bottom, EquityText.Get("most-advantaged-group-vs-most-disadvantaged", top.Group, bottom.Group));
        }

        var (high, low) = (_groups.MaxBy(g => g.Estimate)!, _groups.MinBy(g => g.Estimate)!);
        return (high, low, EquityText.Get("highest-estimate-vs-lowest", high.Group, low.Group));
    }

    private (GroupValue Group, string Label) ReferenceForAttributable(bool favourable, bool ordered)
    {
        if (ordered)
        {
            Ridits(); // every group must be ordered
            var top = _groups.MaxBy(g => g.Order)!;
            return (top, EquityText.Get("most-advantaged-group", top.Group));
        }

        return favourable ? (_groups.MaxBy(g => g.Estimate)!, EquityText.Get("best-group-highest-estimate")) : (_groups.MinBy(g => g.Estimate)!, EquityText.Get("best-group-lowest-estimate"));
    }

    /// <summary>
    /// Walter's (1978) standard error of the attributable fraction, as a proportion, from the 2 × 2
    /// table of the reference group against the rest; only for proportions on a known scale.
    /// </summary>
    private double? AttributableFractionStandardError(GroupValue reference)
    {
        if (_proportionScale is not { } scale) return null;
        var total = _groups.Sum(g => g.Population);
        var c = reference.Estimate / scale * reference.Population;
        var d = reference.Population - c;
        var a = Mean / scale * total - c;
        var b = total - a - reference.Population;
        var n = a + b + c + d;
        return Finite(Math.Sqrt(c * n * (a * d * (n - c) + b * c * c) / (Math.Pow(a + c, 3) * Math.Pow(c + d, 3))));
    }

    // Every group's standard error, or null when any is unknown.
    private double[]? StandardErrors() =>
        _groups.All(g => g.StandardError is { } v && double.IsFinite(v)) ? [.. _groups.Select(g => g.StandardError!.Value)] : null;

    // A group of one unit has no standard error (NaN or ∞); then neither has the measure.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private double Relative(int i) => _groups[i].Estimate / Mean;

    private double Weighted(Func<int, double> term) => Enumerable.Range(0, _groups.Length).Sum(i => _share[i] * term(i));

    private double MeanDifference(Func<int, double> reference, bool weighted) => weighted
        ? Weighted(i => Math.Abs(_groups[i].Estimate - reference(i)))
        : Enumerable.Range(0, _groups.Length).Average(i => Math.Abs(_groups[i].Estimate - reference(i)));

    private GroupValue Find(string group) =>
        _groups.FirstOrDefault(g => g.Group == group) ?? throw new EquityInputException(group, EquityText.Get("no-group-is-called-groups-are", group, string.Join(", ", _groups.Select(g => g.Group))));

    private static string Weighting(bool weighted) => weighted ? EquityText.Get("population-shares") : EquityText.Get("unweighted");
}

/// <summary>How the estimates enter the slope regression: as they are, as log rates, or as logit proportions.</summary>
public enum SlopeTransform { None, Log, Logit }

/// <summary>
/// The regression-based measures for ordered groups: SII (advantaged end minus disadvantaged end),
/// RII (their ratio), the Kunst–Mackenbach index (disadvantaged over advantaged) and the fitted
/// value at the disadvantaged end (the intercept).
/// </summary>
public sealed record SlopeIndex(MeasureValue Sii, MeasureValue Rii, MeasureValue KunstMackenbach, double Intercept);

/// <summary>Input the equity engine cannot use, with the column, row or group it concerns.</summary>
public class EquityInputException(string where, string message) : Exception(message)
{
    public string Where { get; } = where;
}
