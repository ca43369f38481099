using Braid.Core.Demo;
using Braid.Core.Equity;
using static Braid.Core.Tests.Demo.DemoSample;

namespace Braid.Core.Tests.Demo;

/// <summary>The demo outcome table: the engine must find the planted disparity and not the control.</summary>
public sealed class DemoOutcomesTests
{
    private static EquityTable Table() =>
        EquityTable.FromRows([.. DemoOutcomes.Header], DemoOutcomes.Generate(Region, seed: 2026).Select(r => (IReadOnlyList<string>)r));

    [Fact]
    public void The_planted_odds_ratio_is_found_and_estimated()
    {
        var report = EquityAnalysis.Report(Table(), new EquityRequest { Outcome = "need_met", By = "race", Adjust = ["age_band", "need"], Reference = "White" });

        Assert.True(report.Test!.Predicts);
        Assert.True(report.Test.PValue < 0.001);
        var black = report.Test.Effects.Single(e => e.Group == "Black or African American");
        Assert.InRange(DemoOutcomes.PlantedOddsRatio, black.Lower, black.Upper);
        Assert.Contains("Multiracial", report.Groups.Select(g => g.Group));
    }

    [Fact]
    public void Need_met_is_measured_on_referrals_taken_on_and_the_report_says_how_many_declined_ones_it_left_out()
    {
        var rows = DemoOutcomes.Generate(Region, seed: 2026).ToList();
        var declined = rows.Count(r => r[7] == "1");
        Assert.All(rows, r => Assert.Equal(r[7] == "1", r[6] == ""));
        Assert.InRange(declined, rows.Count / 20, rows.Count / 3);
        var report = EquityAnalysis.Report(Table(), new EquityRequest { Outcome = "need_met", By = "race", Reference = "White" });
        Assert.Contains(report.Notes, n => n.StartsWith(declined.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " rows without a value for need_met", StringComparison.Ordinal));
    }

    [Fact]
    public void The_control_outcome_shows_no_disparity()
    {
        var report = EquityAnalysis.Report(Table(), new EquityRequest { Outcome = "referral_declined", By = "race", Adjust = ["age_band", "need"], Reference = "White", Favourable = false });

        Assert.False(report.Test!.Predicts);
        Assert.StartsWith("No evidence that race predicts referral_declined", report.Test.Verdict);
    }

    [Fact]
    public void Two_years_each_with_the_same_gap()
    {
        var report = EquityAnalysis.Report(Table(), new EquityRequest { Outcome = "need_met", By = "race", Adjust = ["age_band", "need"], Reference = "White", Period = "year" });

        Assert.Equal(["2025", "2026"], report.Periods.Select(p => p.Period));
        Assert.All(report.Trend!.Periods, p => Assert.True(p.Test.Predicts));
        Assert.NotNull(report.Trend.PValue);
    }
}
