namespace Braid.Core.Equity;

/// <summary>What an estimate is, which decides its interval and how two of them are compared.</summary>
public enum EstimateKind
{
    /// <summary>Events out of people (Wilson interval; Newcombe's hybrid score interval for differences).</summary>
    Proportion,
    /// <summary>Events over exposure (exact or Byar interval).</summary>
    Rate,
    /// <summary>Mean of a continuous outcome (Student's t interval).</summary>
    Mean,
    /// <summary>A published estimate with its standard error (normal interval).</summary>
    Published,
}

/// <summary>One group's estimate with the figures behind it: units (people, tracts), events, exposure or standard deviation.</summary>
public sealed record GroupEstimate(string Group, EstimateKind Kind, double Units, double? Events, Interval Estimate, double Variance, int? Order = null)
{
    /// <summary>Builds a proportion, a rate, a mean or a published figure with its 95% interval.</summary>
    public static GroupEstimate Proportion(string group, double events, double units, int? order = null)
    {
        var ci = ConfidenceIntervals.Wilson(events, units);
        return new(group, EstimateKind.Proportion, units, events, ci, ci.Estimate * (1 - ci.Estimate) / units, order);
    }

    public static GroupEstimate Rate(string group, double events, double exposure, double units, int? order = null)
    {
        // Byar's approximation is as good as exact from about ten events; below that the exact interval is used.
        var ci = events < 10 ? ConfidenceIntervals.ExactPoisson(events, exposure) : ConfidenceIntervals.Byar(events, exposure);
        return new(group, EstimateKind.Rate, units, events, ci, events / (exposure * exposure), order);
    }

    public static GroupEstimate Mean(string group, double sum, double sumOfSquares, double units, int? order = null)
    {
        var mean = sum / units;
        var variance = units > 1 ? Math.Max(0, (sumOfSquares - sum * mean) / (units - 1)) : double.NaN;
        var ci = units > 1 ? ConfidenceIntervals.StudentT(mean, Math.Sqrt(variance), (int)units) : new Interval(mean, double.NaN, double.NaN, EquityText.Get("none-one-unit"));
        return new(group, EstimateKind.Mean, units, null, ci, variance / units, order);
    }

    public static GroupEstimate Published(string group, double estimate, double standardError, double population, int? order = null)
    {
        if (!(standardError >= 0)) throw new EquityInputException(group, EquityText.Get("group-has-standard-error-it-must", group, standardError));
        const double z = 1.959963984540054;
        return new(group, EstimateKind.Published, population, null,
            new Interval(estimate, estimate - z * standardError, estimate + z * standardError, EquityText.Get("normal-published-standard-error")), standardError * standardError, order);
    }
}

/// <summary>A difference or ratio against the reference, with its 95% interval and how it was computed.</summary>
public sealed record Contrast(double Estimate, double Lower, double Upper, string Method);

/// <summary>Differences and ratios of group estimates against a reference value.</summary>
public static class GroupComparison
{
    private const double Z = 1.959963984540054;

    /// <summary>
    /// Group minus reference group. Proportions use Newcombe's hybrid score interval (1998,
    /// method 10), built from the two Wilson intervals; everything else a normal interval from the
    /// two variances (independent groups).
    /// </summary>
    public static Contrast Difference(GroupEstimate group, GroupEstimate reference)
    {
        var d = group.Estimate.Estimate - reference.Estimate.Estimate;
        if (group.Kind == EstimateKind.Proportion && reference.Kind == EstimateKind.Proportion)
        {
            var (p1, l1, u1) = (group.Estimate.Estimate, group.Estimate.Lower, group.Estimate.Upper);
            var (p2, l2, u2) = (reference.Estimate.Estimate, reference.Estimate.Lower, reference.Estimate.Upper);
            return new Contrast(d,
                d - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)),
                d + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)),
                "Newcombe hybrid score");
        }

        var se = Math.Sqrt(group.Variance + reference.Variance);
        return new Contrast(d, d - Z * se, d + Z * se, EquityText.Get("normal-independent-groups"));
    }

    /// <summary>Group over reference group, with a normal interval on the log scale (Katz for proportions, the delta method otherwise).</summary>
    public static Contrast? Ratio(GroupEstimate group, GroupEstimate reference)
    {
        var (a, b) = (group.Estimate.Estimate, reference.Estimate.Estimate);
        if (a <= 0 || b <= 0) return null;
        var se = Math.Sqrt(group.Variance / (a * a) + reference.Variance / (b * b));
        return new Contrast(a / b, a / b * Math.Exp(-Z * se), a / b * Math.Exp(Z * se),
            group.Kind == EstimateKind.Proportion ? "Katz log" : EquityText.Get("delta-method-log-scale"));
    }

    /// <summary>
    /// Against the population average of all groups, which contains the group itself: the
    /// covariance that brings is accounted for (the average is Σ wⱼ yⱼ with wⱼ the population shares).
    /// </summary>
    public static (Contrast Difference, Contrast? Ratio) AgainstAverage(IReadOnlyList<GroupEstimate> groups, int index)
    {
        var total = groups.Sum(g => g.Units);
        var w = groups.Select(g => g.Units / total).ToArray();
        var average = groups.Select((g, j) => w[j] * g.Estimate.Estimate).Sum();
        var varAverage = groups.Select((g, j) => w[j] * w[j] * g.Variance).Sum();
        var g = groups[index];
        var y = g.Estimate.Estimate;
        var covariance = w[index] * g.Variance;
        var d = y - average;
        var seD = Math.Sqrt(Math.Max(0, g.Variance + varAverage - 2 * covariance));
        var difference = new Contrast(d, d - Z * seD, d + Z * seD, EquityText.Get("normal-with-the-group-s-share"));
        if (y <= 0 || average <= 0) return (difference, null);
        var seLog = Math.Sqrt(Math.Max(0, g.Variance / (y * y) + varAverage / (average * average) - 2 * covariance / (y * average)));
        return (difference, new Contrast(y / average, y / average * Math.Exp(-Z * seLog), y / average * Math.Exp(Z * seLog), EquityText.Get("delta-method-log-scale-with-the")));
    }
}
