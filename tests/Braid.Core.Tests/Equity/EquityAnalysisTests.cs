using System.Globalization;
using System.Text.Json;
using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

/// <summary>The report: groups, contrasts, measures, the test, race views, suppression and the errors bad input gets.</summary>
public sealed class EquityAnalysisTests
{
    private static EquityTable Table(string header, IEnumerable<string> lines) =>
        EquityTable.FromRows(header.Split(','), lines.Select(l => (IReadOnlyList<string>)l.Split(',')));

    // n people of a group, the first `events` of them with the outcome.
    private static IEnumerable<string> People(string group, int n, int events, string extra = "") =>
        Enumerable.Range(0, n).Select(i => $"{group},{(i < events ? 1 : 0)}{extra}");

    [Fact]
    public void The_planted_disparity_report_carries_the_statsmodels_test_and_Wilson_intervals()
    {
        var table = EquityFixtures.Table(Path.Combine("regression", "logit_planted_adjusted.csv"));
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(EquityFixtures.Folder, "regression", "logit_planted_adjusted.expected.json"))).RootElement;

        var report = EquityAnalysis.Report(table, new EquityRequest { Outcome = "need_met", By = "race", Adjust = ["age_band", "need"], Reference = "White" });

        Assert.Equal("proportion", report.Kind);
        Assert.Contains("OMB SPD 15", report.View);
        Assert.Equal(expected.GetProperty("lr_stat").GetDouble(), report.Test!.Statistic!.Value, 1e-6);
        Assert.True(report.Test.Predicts);
        var white = report.Groups.Single(g => g.Group == "White");
        Assert.True(white.IsReference);
        Assert.Equal(6000, report.Overall.Units);
        Assert.All(report.Groups.Where(g => !g.IsReference), g => Assert.NotNull(g.Difference));
        Assert.Contains(report.Measures, m => m.Measure == "Theil");
    }

    [Fact]
    public void Group_proportions_carry_the_Wilson_intervals_Newcombe_published()
    {
        // Newcombe (1998), Stat Med 17:857-872, Table II, method 3: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605.
        var table = Table("race,met", [.. People("White", 263, 81), .. People("Black or African American", 148, 15)]);
        var report = EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race" });
        var white = report.Groups.Single(g => g.Group == "White");
        var black = report.Groups.Single(g => g.Group == "Black or African American");
        Assert.Equal((0.2553, 0.3662), (Math.Round(white.Lower!.Value, 4), Math.Round(white.Upper!.Value, 4)));
        Assert.Equal((0.0624, 0.1605), (Math.Round(black.Lower!.Value, 4), Math.Round(black.Upper!.Value, 4)));
    }

    [Fact]
    public void Group_rates_carry_Byar_intervals_within_their_accuracy_of_the_exact_tables()
    {
        // Exact Poisson limits from the χ² table (df = 100: 74.222 and 129.561): 50 events → lower 37.111; 49 events → upper 64.781.
        var lines = Enumerable.Range(0, 50).Select(i => "White,1,20").Concat(Enumerable.Range(0, 49).Select(i => "Asian,1,20"))
            .Concat(Enumerable.Range(0, 20).Select(i => "White,0,0.5")).Concat(Enumerable.Range(0, 20).Select(i => "Asian,0,0.5"));
        var report = EquityAnalysis.Report(Table("race,visits,years", [.. lines]), new EquityRequest { Outcome = "visits", By = "race", Exposure = "years" });
        var white = report.Groups.Single(g => g.Group == "White");
        var asian = report.Groups.Single(g => g.Group == "Asian");
        Assert.Equal("Byar", white.Method);
        Assert.Equal(74.222 / 2 / 1010, white.Lower!.Value, 0.01 / 1010);
        Assert.Equal(129.561 / 2 / 990, asian.Upper!.Value, 0.01 / 990);
    }

    [Fact]
    public void A_difference_of_proportions_has_Newcombes_hybrid_score_interval()
    {
        // Newcombe (1998), "Interval estimation for the difference between independent proportions", Stat Med 17:873-890, Table II, example (a), method 10.
        var d = GroupComparison.Difference(GroupEstimate.Proportion("a", 56, 70), GroupEstimate.Proportion("b", 48, 80));
        Assert.Equal(0.2, d.Estimate, 1e-12);
        Assert.Equal(0.0524, d.Lower, 0.00005);
        Assert.Equal(0.3339, d.Upper, 0.00005);
    }

    [Fact]
    public void A_published_table_gets_the_same_slope_index_as_the_WHO_sample()
    {
        var table = EquityFixtures.Table("who_healthequal_OrderedSample_inputs.csv");
        var order = Enumerable.Range(0, table.RowCount).OrderBy(r => table["subgroup_order"].Numbers[r])
            .Select(r => table["subgroup"].Levels[table["subgroup"].Codes[r]]).ToList();

        var report = EquityAnalysis.Report(table, new EquityRequest
        {
            By = "subgroup", Estimate = "estimate", StandardError = "se", Population = "population", Order = order, UnitsAreAreas = true,
        });

        var expected = double.Parse(EquityFixtures.Table("who_healthequal_samples_expected.csv") is var e
            ? e["estimate"].Levels[e["estimate"].Codes[Enumerable.Range(0, e.RowCount).Single(r => e["measure"].Levels[e["measure"].Codes[r]] == "sii_linear_wls")]] : "", CultureInfo.InvariantCulture);
        Assert.Equal(expected, report.Measures.Single(m => m.Measure == "SII").Value, Math.Abs(expected) * 1e-9);
        Assert.Equal(order[^1], report.Groups.Single(g => g.IsReference).Group);
        Assert.Equal(order, report.Groups.Select(g => g.Group));
        Assert.Null(report.Test);
    }

    [Fact]
    public void Small_groups_are_withheld_with_their_complement_so_totals_do_not_give_them_away()
    {
        var table = Table("race,met", [.. People("White", 200, 120), .. People("Black or African American", 150, 60), .. People("Asian", 40, 20), .. People("Middle Eastern or North African", 7, 3)]);

        var report = EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race" });

        var mena = report.Groups.Single(g => g.Group == "Middle Eastern or North African");
        Assert.Null(mena.Units);
        Assert.Null(mena.Estimate);
        Assert.Contains("fewer than 11", mena.Suppressed);
        var asian = report.Groups.Single(g => g.Group == "Asian");
        Assert.Null(asian.Units);
        Assert.Contains("cannot be recovered", asian.Suppressed);
        Assert.Equal(397, report.Overall.Units);
        Assert.Equal(2, report.Suppression.Withheld.Count);
        Assert.DoesNotContain(report.Test!.Effects, e => e.Group is "Asian" or "Middle Eastern or North African");
        Assert.DoesNotContain("Middle Eastern", report.Test.Verdict);
    }

    [Fact]
    public void Given_five_people_in_all_When_reported_Then_the_overall_is_withheld_too_and_no_test_gives_the_count_away()
    {
        var table = Table("race,met", [.. People("White", 3, 2), .. People("Black or African American", 2, 1)]);

        var report = EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race" });

        Assert.Null(report.Overall.Units);
        Assert.Null(report.Overall.Events);
        Assert.Null(report.Overall.Estimate);
        Assert.Contains("fewer than 11", report.Overall.Suppressed);
        Assert.All(report.Groups, g => Assert.Null(g.Units));
        Assert.Null(report.Test);
        Assert.Contains("All groups: fewer than 11 people", report.Suppression.Withheld);
    }

    [Fact]
    public void Given_a_stratum_of_five_people_When_reported_per_stratum_Then_its_total_cannot_be_recovered_from_the_pooled_total()
    {
        var table = Table("race,met,county", [
            .. People("White", 3, 2, ",A"), .. People("Black or African American", 2, 1, ",A"),
            .. People("White", 40, 20, ",B"), .. People("Black or African American", 30, 12, ",B")]);

        var report = EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race", Per = "county" });

        var small = report.Strata.Single(s => s.Stratum == "A").Report.Overall;
        var large = report.Strata.Single(s => s.Stratum == "B").Report.Overall;
        Assert.Null(small.Units);
        // A shown pooled total next to a shown total of B would give A's 5 people by subtraction.
        Assert.False(large.Units is not null && report.Overall.Units is not null, $"B shows {large.Units} and the pooled total {report.Overall.Units}");
    }

    [Fact]
    public void Race_views_count_people_who_chose_several_categories_as_the_standard_says()
    {
        var lines = People("White", 30, 10).Concat(People("Asian", 20, 5)).Concat(People("Black;White", 15, 5)).Concat(People("Hispanic or Latino|White", 12, 6)).Concat(People("Declined", 14, 3));
        var table = Table("race,met", lines);
        Dictionary<string, double?> Units(RaceView view) => EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race", RaceView = view, MinimumCell = 0 })
            .Groups.ToDictionary(g => g.Group, g => g.Units);

        var multiracial = Units(RaceView.Multiracial);
        Assert.Equal(27, multiracial["Multiracial"]);
        Assert.Equal(30, multiracial["White"]);
        Assert.Equal(14, multiracial[RaceEthnicity.Declined]);

        var alone = Units(RaceView.Alone);
        Assert.False(alone.ContainsKey("Multiracial"));
        Assert.Equal(30, alone["White"]);

        var combination = Units(RaceView.Combination);
        Assert.Equal(57, combination["White"]);
        Assert.Equal(15, combination["Black or African American"]);
        Assert.Equal(12, combination["Hispanic or Latino"]);

        var hispanic = Units(RaceView.Hispanic);
        Assert.Equal(12, hispanic["Hispanic or Latino"]);
        Assert.Equal(30, hispanic[$"White, {RaceEthnicity.NotHispanic}"]);
    }

    [Theory]
    [InlineData("met", "rcae", "There is no column 'rcae' (did you mean 'race'?)")]
    [InlineData("mte", "race", "did you mean 'met'?")]
    [InlineData("note", "race", "must be numeric, but line 2 has 'x'")]
    public void Misspelled_columns_and_text_outcomes_are_named(string outcome, string by, string message)
    {
        var table = Table("race,met,note", [.. People("White", 20, 5, ",x"), .. People("Asian", 20, 5, ",y")]);
        var error = Assert.Throws<EquityInputException>(() => EquityAnalysis.Report(table, new EquityRequest { Outcome = outcome, By = by }));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_single_group_an_unknown_reference_and_negative_populations_are_refused_by_name()
    {
        var one = Table("race,met", People("White", 30, 10));
        Assert.Contains("single group, 'White'", Assert.Throws<EquityInputException>(() => EquityAnalysis.Report(one, new EquityRequest { Outcome = "met", By = "race" })).Message);

        var two = Table("race,met", [.. People("White", 30, 10), .. People("Asian", 30, 10)]);
        Assert.Contains("'Martian' has no data", Assert.Throws<EquityInputException>(() => EquityAnalysis.Report(two, new EquityRequest { Outcome = "met", By = "race", Reference = "Martian" })).Message);

        var published = Table("group,est,se,pop", ["A,50,2,100", "B,60,2,-5"]);
        var negative = Assert.Throws<EquityInputException>(() => EquityAnalysis.Report(published, new EquityRequest { By = "group", Estimate = "est", StandardError = "se", Population = "pop" }));
        Assert.Contains("Line 3", negative.Message);
        Assert.Contains("must be positive", negative.Message);
    }

    [Fact]
    public void An_outcome_everyone_shares_gets_a_statement_not_a_NaN()
    {
        var table = Table("race,met", [.. People("White", 30, 30), .. People("Asian", 30, 30)]);
        var report = EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race", MinimumCell = 0 });

        Assert.Null(report.Test!.PValue);
        Assert.Contains("every unit has the outcome", report.Test.Verdict);
        Assert.All(report.Measures, m => Assert.True(double.IsFinite(m.Value)));
        _ = JsonSerializer.Serialize(report); // no NaN or infinity anywhere
    }

    [Fact]
    public void Strata_are_reported_one_by_one_and_pooled()
    {
        var lines = People("A", 60, 40, ",x").Concat(People("D", 60, 20, ",x")).Concat(People("A", 50, 30, ",y")).Concat(People("D", 70, 25, ",y"));
        var report = EquityAnalysis.Report(Table("grade,met,county", lines), new EquityRequest { Outcome = "met", By = "grade", Order = ["D", "A"], Per = "county" });

        Assert.Equal(["x", "y"], report.Strata.Select(s => s.Stratum));
        Assert.Equal(40.0 / 60 - 20.0 / 60, report.Strata[0].Report.Measures.Single(m => m.Measure == "D").Value, 1e-12);
        Assert.Equal(240, report.Overall.Units);
        Assert.Equal("A", report.Groups.Single(g => g.IsReference).Group);
    }

    [Fact]
    public void Rows_lacking_a_covariate_are_shown_in_the_groups_but_left_out_of_the_model_and_counted()
    {
        var lines = People("White", 60, 30, ",food").Concat(People("Asian", 60, 20, ",food")).Append("Asian,1,");
        var report = EquityAnalysis.Report(Table("race,met,need", lines), new EquityRequest { Outcome = "met", By = "race", Adjust = ["need"], Reference = "White" });

        Assert.Equal(61, report.Groups.Single(g => g.Group == "Asian").Units);
        Assert.Equal(120, report.Test!.Units);
        Assert.Contains("1 rows lacking need were left out of the model.", report.Notes);
    }

    [Theory]
    [InlineData("logit_planted_adjusted", "lr_stat", "proportion")]
    [InlineData("poisson_rate_adjusted", "lr_stat", "rate per unit of person_years")]
    [InlineData("linear_days_adjusted", "f_stat", "mean")]
    public void Every_outcome_kind_reaches_the_statsmodels_test_through_the_report(string name, string statistic, string kind)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(EquityFixtures.Folder, "regression", name + ".expected.json"))).RootElement;
        var request = new EquityRequest
        {
            Outcome = expected.GetProperty("outcome").GetString(), By = "race", Reference = "White",
            Adjust = [.. expected.GetProperty("adjust").EnumerateArray().Select(a => a.GetString()!)],
            Exposure = expected.GetProperty("exposure").ValueKind == JsonValueKind.String ? expected.GetProperty("exposure").GetString() : null,
        };

        var report = EquityAnalysis.Report(EquityFixtures.Table(Path.Combine("regression", name + ".csv")), request);

        Assert.Equal(kind, report.Kind);
        Assert.Equal(expected.GetProperty(statistic).GetDouble(), report.Test!.Statistic!.Value, expected.GetProperty(statistic).GetDouble() * 1e-6);
        var white = report.Groups.Single(g => g.Group == "White");
        if (request.Exposure is not null)
        {
            var table = EquityFixtures.Table(Path.Combine("regression", name + ".csv"));
            var rows = Enumerable.Range(0, table.RowCount).Where(r => table["race"].Levels[table["race"].Codes[r]] == "White").ToList();
            var (events, exposure) = (rows.Sum(r => table["visits"].Numbers[r]), rows.Sum(r => table["person_years"].Numbers[r]));
            Assert.Equal(events / exposure, white.Estimate!.Value, 1e-12);
        }
    }

    [Fact]
    public void Missing_values_written_as_NA_NULL_or_a_dot_count_as_empty()
    {
        var table = Table("race,met", [.. People("White", 30, 10), .. People("Asian", 30, 20), "Asian,NA", "White,null", "NA,1", "Asian,."]);
        var report = EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race", MinimumCell = 0 });

        Assert.Equal(60, report.Overall.Units);
        Assert.Contains("3 rows without a value for met were left out.", report.Notes);
        Assert.Equal(1, report.Groups.Single(g => g.Group == RaceEthnicity.Declined).Units); // an unanswered race question
    }

    [Fact]
    public void A_covariate_with_hundreds_of_values_must_be_banded_first()
    {
        var table = Table("race,met,age", Enumerable.Range(0, 400).Select(i => $"{(i % 2 == 0 ? "White" : "Asian")},{i % 3 % 2},{18 + i % 150}"));
        var error = Assert.Throws<EquityInputException>(() => EquityAnalysis.Report(table, new EquityRequest { Outcome = "met", By = "race", Adjust = ["age"] }));
        Assert.Equal("age", error.Where);
        Assert.Contains("150 distinct values", error.Message);
    }
}
