using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

/// <summary>Published tables: one line per group (counts over a population), their own total line, and the Gini coefficient.</summary>
public sealed class PublishedTableTests
{
    private static EquityTable Table(string header, params string[] lines) =>
        EquityTable.FromRows(header.Split(','), lines.Select(l => (IReadOnlyList<string>)l.Split(',')));

    private static readonly string[] Lines =
    [
        "White,120,10000", "Black or African American,210,9000", "Asian,30,4000", "Hispanic or Latino,90,6000",
    ];

    [Fact]
    public void Given_one_line_per_group_with_an_exposure_When_reported_Then_the_saturated_Poisson_test_is_the_G_statistic()
    {
        var report = EquityAnalysis.Report(Table("race,events,pop", Lines), new EquityRequest { Outcome = "events", By = "race", Exposure = "pop", Reference = "White" });

        Assert.Equal(10000, report.Groups.Single(g => g.Group == "White").Units);
        Assert.Equal(29000, report.Overall.Units);
        // A saturated Poisson model against the common rate: LR = G = 2 Σ O ln(O / E), E = total rate × exposure (Wilks 1938; Sokal & Rohlf, Biometry, G-test).
        double[] o = [120, 210, 30, 90], n = [10000, 9000, 4000, 6000];
        var rate = o.Sum() / n.Sum();
        var g = 2 * o.Select((x, i) => x * Math.Log(x / (rate * n[i]))).Sum();
        Assert.Equal(g, report.Test!.Statistic!.Value, 1e-6);
        Assert.Equal(3, report.Test.DegreesOfFreedom);
        Assert.True(report.Test.Predicts);
    }

    [Fact]
    public void Given_one_line_per_group_with_a_population_When_reported_Then_the_saturated_binomial_test_is_the_G_statistic()
    {
        var report = EquityAnalysis.Report(Table("race,events,n", Lines), new EquityRequest { Outcome = "events", By = "race", Population = "n" });

        // G = 2 Σ [O ln(O/E) + (n−O) ln((n−O)/(n−E))] for the 2 × k table.
        double[] o = [120, 210, 30, 90], n = [10000, 9000, 4000, 6000];
        var p = o.Sum() / n.Sum();
        var g = 2 * o.Select((x, i) => x * Math.Log(x / (p * n[i])) + (n[i] - x) * Math.Log((n[i] - x) / (n[i] - p * n[i]))).Sum();
        Assert.Equal(g, report.Test!.Statistic!.Value, 1e-6);
    }

    [Fact]
    public void Given_one_line_per_group_of_means_When_reported_Then_the_report_says_why_there_is_no_test_and_shows_the_rest()
    {
        var report = EquityAnalysis.Report(Table("race,days", "White,3.5", "Black or African American,5.25", "Asian,4.0"), new EquityRequest { Outcome = "days", By = "race", MinimumCell = 0 });

        Assert.Null(report.Test);
        Assert.Contains(report.Notes, n => n.StartsWith("No race test:", StringComparison.Ordinal) && n.Contains("residual variance"));
        Assert.Equal(3, report.Groups.Count);
        Assert.NotEmpty(report.Measures);
    }

    [Fact]
    public void Given_a_total_line_that_is_the_sum_When_reported_Then_it_is_the_overall_and_not_a_group()
    {
        var report = EquityAnalysis.Report(Table("race,events,pop", [.. Lines, "Total,450,29000"]), new EquityRequest { Outcome = "events", By = "race", Exposure = "pop" });

        Assert.DoesNotContain(report.Groups, g => g.Group == "Total");
        Assert.Equal(4, report.Groups.Count);
        Assert.Equal(29000, report.Overall.Units);
        Assert.Equal(450, report.Overall.Events);
        Assert.Contains(report.Notes, n => n.Contains("'Total' is the table's published total"));
    }

    [Fact]
    public void Given_a_total_line_that_is_not_the_sum_When_reported_Then_the_error_names_the_line()
    {
        var e = Assert.Throws<EquityInputException>(() =>
            EquityAnalysis.Report(Table("race,events,pop", [.. Lines, "Overall,460,29000"]), new EquityRequest { Outcome = "events", By = "race", Exposure = "pop" }));

        Assert.Contains("Line 6 ('Overall')", e.Message);
        Assert.Contains("460", e.Message);
    }

    [Fact]
    public void Given_a_table_of_estimates_with_its_total_When_reported_Then_the_published_total_is_the_overall()
    {
        var report = EquityAnalysis.Report(Table("group,estimate,se,population", "A,10,1,100", "B,20,2,300", "All,17.4,0.9,400"),
            new EquityRequest { By = "group", Estimate = "estimate", StandardError = "se", Population = "population", UnitsAreAreas = true });

        Assert.Equal(17.4, report.Overall.Estimate);
        Assert.Equal(400, report.Overall.Units);
        Assert.Equal(2, report.Groups.Count);
    }

    [Fact]
    public void The_Gini_coefficient_matches_its_published_values()
    {
        // Equal rates: 0. One of n equal groups with all of it: 1 − 1/n (Cowell, Measuring Inequality, 3rd ed., §2.4).
        Assert.Equal(0, Gini([(1, 5), (1, 5), (1, 5)]), 1e-12);
        Assert.Equal(0.75, Gini([(1, 0), (1, 0), (1, 0), (1, 8)]), 1e-12);
        // Values 1…5, equal weights: mean difference 1.6 over twice the mean 3, 4/15 (Gini 1912, the population form without the n/(n − 1) correction).
        Assert.Equal(4.0 / 15, Gini([(1, 1), (1, 2), (1, 3), (1, 4), (1, 5)]), 1e-12);
    }

    [Fact]
    public void The_Gini_coefficient_of_unequal_groups_is_one_minus_twice_the_area_under_the_Lorenz_curve()
    {
        (double Population, double Rate)[] groups = [(10000, 0.012), (9000, 0.0233), (4000, 0.0075), (6000, 0.015), (1500, 0.04)];

        // Brown's formula on the Lorenz curve: groups sorted by rate, X = cumulative population share, Y = cumulative share of events.
        var sorted = groups.OrderBy(g => g.Rate).ToList();
        var (people, events) = (sorted.Sum(g => g.Population), sorted.Sum(g => g.Population * g.Rate));
        double x = 0, y = 0, area = 0;
        foreach (var (population, rate) in sorted)
        {
            var (x1, y1) = (x + population / people, y + population * rate / events);
            area += (x1 - x) * (y1 + y);
            (x, y) = (x1, y1);
        }

        Assert.Equal(1 - area, Gini(groups), 1e-12);
    }

    private static double Gini((double Population, double Rate)[] groups) =>
        new SummaryMeasures(groups.Select((g, i) => new GroupValue("g" + i, g.Population, g.Rate))).Gini().Value;
}
