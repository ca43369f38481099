using System.Text.Json;
using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

/// <summary>"Does race predict the outcome?" against models fitted with statsmodels (fixtures/equity/regression).</summary>
public sealed class RaceTestTests
{
    public static TheoryData<string> Cases() => ["logit_null_unadjusted", "logit_planted_adjusted", "poisson_rate_adjusted", "linear_days_adjusted"];

    private static (JsonElement Expected, CellTable Cells, OutcomeFamily Family) Load(string name)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(EquityFixtures.Folder, "regression", name + ".expected.json"))).RootElement;
        var table = EquityFixtures.Table(Path.Combine("regression", name + ".csv"));
        var references = expected.GetProperty("reference_levels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var adjust = expected.GetProperty("adjust").EnumerateArray().Select(a => a.GetString()!).ToList();
        var exposure = expected.GetProperty("exposure").ValueKind == JsonValueKind.Null ? null : expected.GetProperty("exposure").GetString();
        var outcome = expected.GetProperty("outcome").GetString()!;
        var family = OutcomeCells.FamilyOf(table[outcome], exposure is not null);
        var by = Grouping.Of(table["race"]);
        var cells = OutcomeCells.Build(table, family, outcome, by, by.CodeOf(references["race"]), adjust, exposure, null, references, []);
        return (expected, cells, family);
    }

    private static void Close(double expected, double actual, double relative = 1e-6, double scale = 0) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), scale), $"expected {expected:R}, got {actual:R}");

    [Theory, MemberData(nameof(Cases))]
    public void Coefficients_standard_errors_and_intervals_match_statsmodels(string name)
    {
        var (expected, cells, family) = Load(name);
        var adjust = Enumerable.Range(1, cells.Factors.Count - 1).ToList();
        var fit = GroupedGlm.Fit(cells, family, [0, .. adjust]);

        Assert.Equal(expected.GetProperty("family").GetString(), family switch { OutcomeFamily.Binomial => "binomial", OutcomeFamily.Poisson => "poisson", _ => "gaussian" });
        Assert.Equal(expected.GetProperty("coefficients").EnumerateObject().Count(), fit.Coefficients.Count);
        foreach (var term in expected.GetProperty("coefficients").EnumerateObject())
        {
            var c = fit[term.Name];
            Close(term.Value.GetDouble(), c.Estimate);
            Close(expected.GetProperty("std_errors").GetProperty(term.Name).GetDouble(), c.StandardError);
            // An interval bound can sit next to zero; it is compared relative to the interval's own scale.
            var ci = expected.GetProperty("ci95").GetProperty(term.Name);
            Close(ci[0].GetDouble(), c.Lower, scale: c.StandardError);
            Close(ci[1].GetDouble(), c.Upper, scale: c.StandardError);
        }

        if (expected.TryGetProperty("loglik_full", out var logLik)) Close(logLik.GetDouble(), fit.LogLikelihood);
    }

    [Theory, MemberData(nameof(Cases))]
    public void The_test_of_race_matches_statsmodels(string name)
    {
        var (expected, cells, family) = Load(name);
        var test = RaceTest.Run(cells, family, expected.GetProperty("outcome").GetString()!);

        Assert.Equal(expected.GetProperty("n").GetDouble(), test.Units);
        Assert.Equal("White", test.Reference);
        if (family == OutcomeFamily.Gaussian)
        {
            Close(expected.GetProperty("f_stat").GetDouble(), test.Statistic!.Value);
            Assert.Equal(expected.GetProperty("df_num").GetDouble(), test.DegreesOfFreedom);
            Assert.Equal(expected.GetProperty("df_den").GetDouble(), test.DenominatorDegreesOfFreedom);
        }
        else
        {
            Close(expected.GetProperty("lr_stat").GetDouble(), test.Statistic!.Value);
            Assert.Equal(expected.GetProperty("df").GetDouble(), test.DegreesOfFreedom);
            foreach (var ratio in expected.GetProperty("race_ratios_exp_coef").EnumerateObject())
                Close(ratio.Value.GetDouble(), test.Effects.Single(e => $"race[{e.Group}]" == ratio.Name).Estimate);
        }

        Close(expected.GetProperty("p_value").GetDouble(), test.PValue!.Value, 1e-5);
        Assert.Equal(expected.GetProperty("p_value").GetDouble() < 0.05, test.Predicts);
        Assert.Contains($"n = {expected.GetProperty("n").GetDouble():N0}", test.Verdict);
    }
}

/// <summary>The race test's behaviour on simulated data where the truth is known, and on data that cannot answer.</summary>
public sealed class RaceTestSimulationTests
{
    private static readonly string[] Races = ["White", "Black or African American", "Hispanic or Latino", "Asian"];
    private static readonly double[] Shares = [0.5, 0.3, 0.15, 0.05];

    // Units drawn one by one, each with a race by the shares above and the outcome with the
    // baseline probability, times the planted odds ratio for the second group.
    private static CellTable Simulate(Random random, int n, double oddsRatio, double baseline = 0.3)
    {
        var cells = new CellTable([new Factor("race", Races, 0)]);
        Span<int> codes = stackalloc int[1];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            var g = u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
            var odds = baseline / (1 - baseline) * (g == 1 ? oddsRatio : 1);
            codes[0] = g;
            cells.Add(codes, random.NextDouble() < odds / (1 + odds) ? 1 : 0, OutcomeFamily.Binomial);
        }

        return cells;
    }

    [Fact]
    public void Under_no_race_effect_the_test_is_wrong_about_one_time_in_twenty()
    {
        var random = new Random(20261122);
        var positives = Enumerable.Range(0, 2000).Count(_ => RaceTest.Run(Simulate(random, 2000, 1.0), OutcomeFamily.Binomial, "need_met").Predicts);
        Assert.InRange(positives / 2000.0, 0.04, 0.06);
    }

    [Fact]
    public void It_finds_a_planted_odds_ratio_of_1_3_among_20000_people()
    {
        var random = new Random(7);
        var found = Enumerable.Range(0, 500).Count(_ =>
        {
            var test = RaceTest.Run(Simulate(random, 20_000, 1.3), OutcomeFamily.Binomial, "need_met");
            return test.Predicts && test.LargestGap!.Group == "Black or African American";
        });
        Assert.True(found >= 0.8 * 500, $"found in {found} of 500");
    }

    [Fact]
    public void A_group_with_no_events_is_left_out_and_said_so()
    {
        var cells = new CellTable([new Factor("race", Races, 0)]);
        void Add(int g, int units, int events) { for (var i = 0; i < units; i++) cells.Add([g], i < events ? 1 : 0, OutcomeFamily.Binomial); }
        Add(0, 200, 60); Add(1, 150, 70); Add(2, 100, 30); Add(3, 40, 0);

        var test = RaceTest.Run(cells, OutcomeFamily.Binomial, "declined");

        Assert.Contains(test.Notes, n => n.Contains("'Asian'") && n.Contains("no events") && n.Contains("left out"));
        Assert.DoesNotContain(test.Effects, e => e.Group == "Asian");
        Assert.Equal(2, test.DegreesOfFreedom);
        Assert.All(test.Effects, e => Assert.True(double.IsFinite(e.Estimate)));
    }

    // A covariate level whose units all have the outcome has an infinite coefficient; in a
    // main-effects model its units add nothing to the groups' likelihood, so the test is the one on the rest.
    [Fact]
    public void A_covariate_level_that_separates_the_outcome_is_left_out_of_the_test_and_said_so()
    {
        var cells = new CellTable([new Factor("race", ["White", "Black"], 0), new Factor("need", ["food", "housing"], 0)]);
        var food = new CellTable([new Factor("race", ["White", "Black"], 0)]);
        for (var i = 0; i < 100; i++)
        {
            cells.Add([i % 2, 0], i % 3 == 0 ? 1 : 0, OutcomeFamily.Binomial);
            food.Add([i % 2], i % 3 == 0 ? 1 : 0, OutcomeFamily.Binomial);
            cells.Add([i % 2, 1], 1, OutcomeFamily.Binomial); // every housing need was met
        }

        var test = RaceTest.Run(cells, OutcomeFamily.Binomial, "need_met");

        Assert.Contains(test.Notes, n => n.StartsWith("need 'housing' (100 units) has the outcome for every unit", StringComparison.Ordinal));
        Assert.Equal(100, test.Units);
        Assert.Equal(RaceTest.Run(food, OutcomeFamily.Binomial, "need_met").PValue!.Value, test.PValue!.Value, 1e-9);
    }

    [Theory]
    [InlineData(0, "no unit has the outcome")]
    [InlineData(1, "every unit has the outcome")]
    public void An_outcome_that_never_varies_cannot_be_tested(int value, string why)
    {
        var cells = new CellTable([new Factor("race", Races, 0)]);
        for (var i = 0; i < 40; i++) cells.Add([i % 4], value, OutcomeFamily.Binomial);

        var test = RaceTest.Run(cells, OutcomeFamily.Binomial, "need_met");

        Assert.Null(test.PValue);
        Assert.Contains(why, test.Verdict);
    }

    [Fact]
    public void A_gap_that_closes_over_time_shows_as_an_interaction()
    {
        var random = new Random(3);
        var cells = new CellTable([new Factor("race", ["White", "Black"], 0), new Factor("year", ["2025", "2026"], 0)]);
        for (var i = 0; i < 20_000; i++)
        {
            var (g, year) = (i % 2, i / 2 % 2);
            var p = g == 1 && year == 0 ? 0.4 : 0.6; // a gap in 2025, none in 2026
            cells.Add([g, year], random.NextDouble() < p ? 1 : 0, OutcomeFamily.Binomial);
        }

        var trend = RaceTest.Trend(cells, OutcomeFamily.Binomial, "need_met", period: 1);

        Assert.True(trend.Periods[0].Test.Predicts);
        Assert.False(trend.Periods[1].Test.Predicts);
        Assert.True(trend.PValue < 0.001);
        Assert.Contains("smaller in 2026 than in 2025", trend.Verdict);
    }
}
