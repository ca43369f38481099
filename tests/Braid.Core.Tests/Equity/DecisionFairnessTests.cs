using System.Globalization;
using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

/// <summary>Decision fairness against the Aequitas and Fairlearn fixtures (fixtures/equity/PROVENANCE.md).</summary>
public sealed class DecisionFairnessTests
{
    private static List<(string, bool, bool)> Decisions(string file, string label, string decision, string group)
    {
        var table = EquityFixtures.Table(file);
        string Text(string column, int row) => table[column].Levels[table[column].Codes[row]];
        return [.. Enumerable.Range(0, table.RowCount).Select(r => (Text(group, r), Text(label, r) == "1", Text(decision, r) == "1"))];
    }

    private static IEnumerable<Dictionary<string, string>> Expected(string file)
    {
        var table = EquityFixtures.Table(file);
        return Enumerable.Range(0, table.RowCount).Select(r => table.Columns.ToDictionary(c => c.Name, c => c.Codes[r] < 0 ? "" : c.Levels[c.Codes[r]]));
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("aequitas_expected_output_group_test_1.csv", 0.8)] // aequitas_test_1.yaml
    [InlineData("aequitas_expected_output_bias_test_1.csv", 0.8)]
    [InlineData("aequitas_expected_output_fairness_test_1.csv", 0.8)]
    [InlineData("aequitas_expected_output_test_7.csv", 0.5)] // aequitas_test_3.yaml
    public void Group_metrics_disparities_and_parity_match_Aequitas(string expectedFile, double threshold)
    {
        var audit = DecisionFairness.Audit(Decisions("aequitas_test_1.csv", "label_value", "score", "class"), reference: "High", threshold);

        foreach (var row in Expected(expectedFile))
        {
            var g = audit.Groups.Single(x => x.Group == row["attribute_value"]);
            var d = audit.Disparities.Single(x => x.Group == row["attribute_value"]);
            if (row.TryGetValue("reference_group", out var reference)) Assert.Equal(reference, audit.Reference);
            Assert.Equal(Number(row["group_size"]), g.Size);
            Assert.Equal(Number(row["pp"]), g.PredictedPositive);
            Assert.Equal(Number(row["pn"]), g.PredictedNegative);
            Assert.Equal(Number(row["group_label_pos"]), g.LabelPositive);
            Assert.Equal(Number(row["group_label_neg"]), g.LabelNegative);
            Assert.Equal(Number(row["tp"]), g.TruePositive);
            Assert.Equal(Number(row["fp"]), g.FalsePositive);
            Assert.Equal(Number(row["tn"]), g.TrueNegative);
            Assert.Equal(Number(row["fn"]), g.FalseNegative);
            foreach (var (name, actual) in new[] { ("ppr", g.PredictedPositiveShare), ("pprev", g.PredictedPrevalence), ("fpr", g.FalsePositiveRate), ("fnr", g.FalseNegativeRate),
                         ("for", g.FalseOmissionRate), ("fdr", g.FalseDiscoveryRate), ("ppr_disparity", d.PredictedPositiveShare), ("pprev_disparity", d.PredictedPrevalence),
                         ("fpr_disparity", d.FalsePositiveRate), ("fnr_disparity", d.FalseNegativeRate), ("for_disparity", d.FalseOmissionRate), ("fdr_disparity", d.FalseDiscoveryRate) })
                if (row.TryGetValue(name, out var value)) Assert.Equal(Number(value), actual!.Value, 1e-12);
            foreach (var flag in d.Parity.Keys.Where(row.ContainsKey))
                Assert.Equal(bool.Parse(row[flag]), d.Parity[flag]);
        }
    }

    [Fact]
    public void Demographic_parity_and_equalized_odds_match_Fairlearn()
    {
        var audit = DecisionFairness.Audit(Decisions("fairlearn_common_fairness_metrics_example.csv", "y_true", "y_pred", "sensitive_feature"));
        var expected = Expected("fairlearn_common_fairness_metrics_expected.csv").ToDictionary(r => r["metric"], r => Number(r["expected"]));

        Assert.Equal(expected["demographic_parity_difference"], audit.DemographicParityDifference, 1e-12);
        Assert.Equal(expected["demographic_parity_ratio"], audit.DemographicParityRatio, 1e-12);
        Assert.Equal(expected["equalized_odds_difference"], audit.EqualizedOddsDifference, 1e-12);
        Assert.Equal(expected["equalized_odds_ratio"], audit.EqualizedOddsRatio, 1e-12);
    }

    [Fact]
    public void One_group_or_an_unknown_reference_is_refused_by_name()
    {
        Assert.Contains("one group, 'a'", Assert.Throws<EquityInputException>(() => DecisionFairness.Audit([("a", true, true), ("a", false, true)])).Message);
        Assert.Contains("No group is called 'z'", Assert.Throws<EquityInputException>(() => DecisionFairness.Audit([("a", true, true), ("b", false, true)], "z")).Message);
    }
}

/// <summary>The decision audit inside a report.</summary>
public sealed class DecisionAuditReportTests
{
    [Fact]
    public void A_report_with_a_decision_column_carries_the_audit_against_its_reference()
    {
        var report = EquityAnalysis.Report(EquityFixtures.Table("aequitas_test_1.csv"),
            new EquityRequest { Outcome = "label_value", By = "class", Decision = "score", Reference = "High", MinimumCell = 0 });

        Assert.Equal("High", report.Decisions!.Reference);
        Assert.Equal(1.5, report.Decisions.Disparities.Single(d => d.Group == "Low").FalseNegativeRate!.Value, 1e-12);
        Assert.False(report.Decisions.Disparities.Single(d => d.Group == "Low").Parity["Supervised Fairness"]);
    }
}
