using System.Globalization;
using MathNet.Numerics;

namespace Braid.Core.Equity;

/// <summary>One group's adjusted effect against the reference group: an odds ratio, rate ratio or difference, with its 95% CI.</summary>
public sealed record GroupEffect(string Group, double Estimate, double Lower, double Upper, bool Suppressed = false);

/// <summary>
/// The partnership's definition as a test: does the grouping (race) predict the outcome once the
/// named covariates are accounted for? A likelihood-ratio test (an F test for a linear model) of
/// the model with the grouping against the model without it.
/// </summary>
public sealed record PredictionTest(
    string Model, string Test, double Units, double? Statistic, double? DegreesOfFreedom, double? DenominatorDegreesOfFreedom, double? PValue,
    string Reference, string EffectScale, IReadOnlyList<GroupEffect> Effects, GroupEffect? LargestGap, string? EffectSizeName, double? EffectSize,
    bool Predicts, IReadOnlyList<string> Notes, string Verdict);

/// <summary>The same test in each period, and whether the gap changes over time (grouping × period interaction).</summary>
public sealed record TrendTest(IReadOnlyList<PeriodTest> Periods, double? Statistic, double? DegreesOfFreedom, double? PValue, string Verdict);

/// <summary>The test within one period.</summary>
public sealed record PeriodTest(string Period, PredictionTest Test);

/// <summary>Runs <see cref="PredictionTest"/>s on a collapsed table whose factor 0 is the grouping and whose other factors are covariates.</summary>
public static class RaceTest
{
    /// <summary>
    /// Tests whether factor 0 predicts the outcome, adjusted for every other factor in
    /// <paramref name="cells"/>. Effects of <paramref name="hidden"/> groups (suppressed small
    /// groups) are left out of what is reported, though their units stay in the model.
    /// </summary>
    public static PredictionTest Run(CellTable cells, OutcomeFamily family, string outcome, double alpha = 0.05, IReadOnlySet<string>? hidden = null, CancellationToken ct = default)
    {
        var notes = new List<string>();
        var group = cells.Factors[0];
        var adjust = Enumerable.Range(1, cells.Factors.Count - 1).ToList();
        var model = family switch
        {
            OutcomeFamily.Binomial => EquityText.Get("logistic-regression-grouped-binomial-logit-link"),
            OutcomeFamily.Poisson => EquityText.Get("poisson-regression-with-log-exposure-offset"),
            _ => EquityText.Get("linear-regression-least-squares"),
        };
        var scale = family switch { OutcomeFamily.Binomial => EquityText.Get("odds-ratio"), OutcomeFamily.Poisson => EquityText.Get("rate-ratio"), _ => EquityText.Get("difference") };
        var adjusted = adjust.Count == 0 ? "" : EquityText.Get("adjusted-for", string.Join(", ", adjust.Select(a => cells.Factors[a].Name)));
        model += EquityText.Get("model-of-on", outcome, group.Name, adjusted);

        cells = WithoutDegenerateGroups(cells, family, notes);
        group = cells.Factors[0];
        var reference = group.Levels.Count > 0 ? group.Levels[group.Reference] : "";
        var units = cells.Units.Sum();
        PredictionTest NoTest(string why) => new(model, "none", units, null, null, null, null, reference, scale, [], null, null, null, false, notes, why);

        if (group.Levels.Count < 2)
            return NoTest(EquityText.Get("cannot-test-whether-predicts-fewer-than", group.Name, outcome));
        if (family != OutcomeFamily.Gaussian && cells.Sum.Sum() == 0)
            return NoTest(EquityText.Get("cannot-test-whether-predicts-no-unit", group.Name, outcome));
        if (family == OutcomeFamily.Binomial && cells.Sum.Sum() == units)
            return NoTest(EquityText.Get("cannot-test-whether-predicts-every-unit-2", group.Name, outcome));
        if (family == OutcomeFamily.Gaussian && cells.SumOfSquares.Sum() - Math.Pow(cells.Sum.Sum(), 2) / units <= 1e-12 * cells.SumOfSquares.Sum())
            return NoTest(EquityText.Get("cannot-test-whether-predicts-every-unit", group.Name, outcome));

        var full = GroupedGlm.Fit(cells, family, [0, .. adjust], ct: ct);
        var reduced = GroupedGlm.Fit(cells, family, adjust, ct: ct);
        if (full.Problem is { } problem)
        {
            notes.Add(problem);
            return NoTest(EquityText.Get("no-valid-test-of-whether-predicts", group.Name, outcome, problem));
        }

        double statistic, df, p;
        double? dfDen = null;
        string test;
        if (family == OutcomeFamily.Gaussian)
        {
            df = full.Parameters - reduced.Parameters;
            dfDen = units - full.Parameters;
            statistic = (reduced.ResidualSumOfSquares - full.ResidualSumOfSquares) / df / (full.ResidualSumOfSquares / dfDen.Value);
            p = FUpperTail(df, dfDen.Value, statistic);
            test = EquityText.Get("f-test");
        }
        else
        {
            statistic = Math.Max(0, 2 * (full.LogLikelihood - reduced.LogLikelihood));
            df = full.Parameters - reduced.Parameters;
            p = ChiSquareUpperTail(df, statistic);
            test = EquityText.Get("likelihood-ratio-test");
        }

        var effects = group.Levels.Select((level, i) => (level, i)).Where(t => t.i != group.Reference).Select(t =>
        {
            var c = full[$"{group.Name}[{t.level}]"];
            return family == OutcomeFamily.Gaussian
                ? new GroupEffect(t.level, c.Estimate, c.Lower, c.Upper)
                : new GroupEffect(t.level, Math.Exp(c.Estimate), Math.Exp(c.Lower), Math.Exp(c.Upper));
        }).Where(e => hidden?.Contains(e.Group) != true && hidden?.Contains(reference) != true).ToList();
        if (hidden?.Count > 0 && hidden.Any(group.Levels.Contains))
            notes.Add(EquityText.Get("adjusted-effects-are-not-shown-for", string.Join(", ", hidden.Where(group.Levels.Contains))));
        // The gap named is the one the data are surest is large: ranked by the end of its interval
        // nearest no difference (zero when the interval spans it), then by its estimate, so a
        // group of a few dozen people with a wide interval does not outrank a well-measured gap.
        double Assured(GroupEffect e) => Gap(family, e.Lower) > 0 ? Gap(family, e.Lower) : Gap(family, e.Upper) < 0 ? -Gap(family, e.Upper) : 0;
        var largest = effects.OrderByDescending(Assured).ThenByDescending(e => Math.Abs(Gap(family, e.Estimate))).FirstOrDefault();
        var (effectName, effectSize) = family == OutcomeFamily.Gaussian
            ? (EquityText.Get("partial"), (reduced.ResidualSumOfSquares - full.ResidualSumOfSquares) / reduced.ResidualSumOfSquares)
            : largest is null ? ((string?)null, (double?)null) : (EquityText.Get("largest-adjusted", scale), largest.Estimate);
        var predicts = p < alpha;
        var statText = family == OutcomeFamily.Gaussian
            ? EquityText.Get("f-on-and-df", Num(statistic), df, dfDen)
            : EquityText.Get("chi-square-on-df", Num(statistic), df);
        var verdict = (predicts
                ? EquityText.Get("predicts-n", group.Name, outcome, adjusted, test, statText, units, P(p))
                : EquityText.Get("no-evidence-that-predicts-n-this", group.Name, outcome, adjusted, test, statText, units, P(p)))
            + (largest is null ? "" : EquityText.Get("largest-adjusted-gap-judged-by-the", largest.Group, reference, scale, Num(largest.Estimate), Num(largest.Lower), Num(largest.Upper)));
        return new PredictionTest(model, test, units, statistic, df, dfDen, p, reference, scale, effects, largest, effectName, effectSize, predicts, notes, verdict);
    }

    /// <summary>
    /// The test within each level of factor <paramref name="period"/>, and a test of the grouping ×
    /// period interaction: whether the gaps differ between periods.
    /// </summary>
    public static TrendTest Trend(CellTable cells, OutcomeFamily family, string outcome, int period, double alpha = 0.05, IReadOnlySet<string>? hidden = null, CancellationToken ct = default)
    {
        var others = Enumerable.Range(0, cells.Factors.Count).Where(f => f != period).ToList();
        var periods = new List<PeriodTest>();
        var periodLevels = cells.Factors[period].Levels;
        foreach (var level in Enumerable.Range(0, periodLevels.Count).OrderBy(l => periodLevels[l], StringComparer.Ordinal))
        {
            var l = level;
            periods.Add(new(cells.Factors[period].Levels[level], Run(cells.Select(codes => codes[period] == l, others), family, outcome, alpha, hidden, ct)));
        }

        var main = Enumerable.Range(0, cells.Factors.Count).ToList();
        try
        {
            var withInteraction = GroupedGlm.Fit(cells, family, main, (0, period), ct);
            var without = GroupedGlm.Fit(cells, family, main, ct: ct);
            if (withInteraction.Problem is not null)
                return new TrendTest(periods, null, null, null, EquityText.Get("no-valid-test-of-a-change", withInteraction.Problem));
            double df = withInteraction.Parameters - without.Parameters, statistic, p;
            if (family == OutcomeFamily.Gaussian)
            {
                var dfDen = withInteraction.Units - withInteraction.Parameters;
                statistic = (without.ResidualSumOfSquares - withInteraction.ResidualSumOfSquares) / df / (withInteraction.ResidualSumOfSquares / dfDen);
                p = FUpperTail(df, dfDen, statistic);
            }
            else
            {
                statistic = Math.Max(0, 2 * (withInteraction.LogLikelihood - without.LogLikelihood));
                p = ChiSquareUpperTail(df, statistic);
            }

            var first = periods.First().Test.LargestGap;
            var last = periods.Last().Test.LargestGap;
            var direction = first is null || last is null ? ""
                : Math.Abs(Gap(family, last.Estimate)) < Math.Abs(Gap(family, first.Estimate)) ? EquityText.Get("the-largest-gap-is-smaller-in", periods.Last().Period, periods.First().Period)
                : EquityText.Get("the-largest-gap-is-not-smaller", periods.Last().Period, periods.First().Period);
            var verdict = p < alpha
                ? EquityText.Get("the-gaps-by-change-between-periods", cells.Factors[0].Name, cells.Factors[0].Name, cells.Factors[period].Name, P(p), direction)
                : EquityText.Get("no-evidence-that-the-gaps-by", cells.Factors[0].Name, cells.Factors[0].Name, cells.Factors[period].Name, P(p), direction);
            return new TrendTest(periods, statistic, df, p, verdict);
        }
        catch (EquityInputException e)
        {
            return new TrendTest(periods, null, null, null, EquityText.Get("no-test-of-a-change-over", e.Message));
        }
    }

    // A group with no events (or, for a binary outcome, only events) has an infinite log odds or
    // log rate: it is left out of the model and said so, rather than given a meaningless ratio.
    // A level with no events, or (binomial) with the outcome for every unit, has an infinite
    // coefficient: its units tell nothing about the other effects, and left in they stop the fit
    // (separation). Such groups, and then such covariate levels, are left out until none remain.
    private static CellTable WithoutDegenerateGroups(CellTable cells, OutcomeFamily family, List<string> notes)
    {
        if (family == OutcomeFamily.Gaussian) return cells;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var f = 0; f < cells.Factors.Count; f++)
            {
                var factor = cells.Factors[f];
                var units = new double[factor.Levels.Count];
                var events = new double[factor.Levels.Count];
                for (var c = 0; c < cells.Count; c++)
                {
                    units[cells.LevelsOf(c)[f]] += cells.Units[c];
                    events[cells.LevelsOf(c)[f]] += cells.Sum[c];
                }

                var degenerate = Enumerable.Range(0, units.Length).Where(g => units[g] > 0 && (events[g] == 0 || (family == OutcomeFamily.Binomial && events[g] == units[g]))).ToHashSet();
                if (degenerate.Count == 0 || degenerate.Count == units.Length) continue;
                foreach (var g in degenerate)
                {
                    var has = events[g] == 0 ? EquityText.Get("no-events") : EquityText.Get("the-outcome-for-every-unit");
                    notes.Add(f == 0
                        ? EquityText.Get("group-units-has-so-its-ratio", factor.Levels[g], units[g], has, family == OutcomeFamily.Binomial ? EquityText.Get("odds") : EquityText.Get("rate"))
                        : EquityText.Get("covariate-level-left-out-of-the-test", factor.Name, factor.Levels[g], units[g], has));
                }

                var column = f;
                cells = cells.Select(codes => !degenerate.Contains(codes[column]), [.. Enumerable.Range(0, cells.Factors.Count)]);
                changed = true;
            }
        }

        return cells;
    }

    // Upper tails straight from the regularized incomplete functions, so that p-values far below
    // 1e-16 are not lost to 1 − CDF.
    internal static double ChiSquareUpperTail(double df, double x) => SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);

    internal static double FUpperTail(double df1, double df2, double f) => SpecialFunctions.BetaRegularized(df2 / 2, df1 / 2, df2 / (df2 + df1 * f));

    /// <summary>An effect on the scale where no difference is zero: a difference as it is, a ratio as its logarithm.</summary>
    private static double Gap(OutcomeFamily family, double effect) => family == OutcomeFamily.Gaussian ? effect : Math.Log(effect);

    internal static string Num(double value) => value.ToString(Math.Abs(value) >= 100 ? "N1" : "0.###", CultureInfo.InvariantCulture);

    internal static string P(double p) => p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.###", CultureInfo.InvariantCulture);
}
