using MathNet.Numerics.Distributions;

namespace Braid.Core.Equity;

/// <summary>An estimate with its 95% confidence interval and the method that gave the interval.</summary>
public sealed record Interval(double Estimate, double Lower, double Upper, string Method);

/// <summary>
/// 95% confidence intervals for one group's outcome: Wilson score for proportions (Newcombe 1998,
/// method 3), exact Poisson (Garwood, via chi-square quantiles) and Byar's approximation for rates,
/// and Student's t for means.
/// </summary>
public static class ConfidenceIntervals
{
    private const double Z = 1.959963984540054; // standard normal 97.5th percentile

    /// <summary>Wilson score interval for <paramref name="events"/> out of <paramref name="n"/>.</summary>
    public static Interval Wilson(double events, double n)
    {
        if (n <= 0) throw new EquityInputException("n", EquityText.Get("a-proportion-needs-at-least-one", n));
        if (events < 0 || events > n) throw new EquityInputException("events", EquityText.Get("events-must-be-between-and-n", n, events));
        var p = events / n;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half), "Wilson score");
    }

    /// <summary>Exact (Garwood) interval for a Poisson count, scaled to a rate per unit of exposure.</summary>
    public static Interval ExactPoisson(double events, double exposure)
    {
        CheckRate(events, exposure);
        var lower = events == 0 ? 0 : ChiSquared.InvCDF(2 * events, 0.025) / 2;
        var upper = ChiSquared.InvCDF(2 * (events + 1), 0.975) / 2;
        return new Interval(events / exposure, lower / exposure, upper / exposure, EquityText.Get("exact-poisson-garwood"));
    }

    /// <summary>Byar's approximation to the exact Poisson interval, as public health agencies publish rates.</summary>
    public static Interval Byar(double events, double exposure)
    {
        CheckRate(events, exposure);
        var lower = events == 0 ? 0 : events * Math.Pow(1 - 1 / (9 * events) - Z / (3 * Math.Sqrt(events)), 3);
        var o = events + 1;
        var upper = o * Math.Pow(1 - 1 / (9 * o) + Z / (3 * Math.Sqrt(o)), 3);
        return new Interval(events / exposure, lower / exposure, upper / exposure, "Byar");
    }

    /// <summary>Student's t interval for a mean from its standard deviation and sample size.</summary>
    public static Interval StudentT(double mean, double standardDeviation, int n)
    {
        if (n < 2) throw new EquityInputException("n", EquityText.Get("a-confidence-interval-for-a-mean", n));
        if (standardDeviation < 0 || !double.IsFinite(standardDeviation)) throw new EquityInputException("sd", EquityText.Get("the-standard-deviation-must-be-zero", standardDeviation));
        var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 1, 0.975) * standardDeviation / Math.Sqrt(n);
        return new Interval(mean, mean - half, mean + half, "Student's t");
    }

    private static void CheckRate(double events, double exposure)
    {
        if (!(exposure > 0)) throw new EquityInputException("exposure", EquityText.Get("a-rate-needs-a-positive-exposure", exposure));
        if (events < 0 || !double.IsFinite(events)) throw new EquityInputException("events", EquityText.Get("a-count-must-be-zero-or", events));
    }
}
