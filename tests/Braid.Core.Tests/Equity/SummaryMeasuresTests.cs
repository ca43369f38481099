using System.Globalization;
using Braid.Core.Equity;
using CsvHelper;

namespace Braid.Core.Tests.Equity;

/// <summary>Summary measures against the WHO healthequal test suite (tests/fixtures/equity/PROVENANCE.md).</summary>
public sealed class SummaryMeasuresTests
{
    private static readonly string Fixtures = EquityFixtures.Folder;

    private static List<Dictionary<string, string>> Rows(string file)
    {
        using var reader = new StreamReader(Path.Combine(Fixtures, file));
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Headers.Count).ToDictionary(i => csv.Headers[i], i => i < csv.FieldCount ? csv.GetString(i) ?? "" : ""));
        }

        return rows;
    }

    private static SummaryMeasures Sample(string sample) => new(Rows("who_healthequal_testsuite_inputs.csv")
        .Where(r => r["sample"] == sample)
        .Select(r => new GroupValue(r["group_index"], double.Parse(r["pop"], CultureInfo.InvariantCulture), double.Parse(r["est"], CultureInfo.InvariantCulture),
            double.Parse(r["se"], CultureInfo.InvariantCulture), r["subgroup_order"] is { Length: > 0 } o ? int.Parse(o, CultureInfo.InvariantCulture) : null)));

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var r in Rows("who_healthequal_testsuite_expected.csv"))
        {
            data.Add(r["sample"], r["measure"]);
        }

        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Matches_the_WHO_healthequal_test_suite(string sample, string measure)
    {
        var expected = Rows("who_healthequal_testsuite_expected.csv").Single(r => r["sample"] == sample && r["measure"] == measure);
        var value = double.Parse(expected["value_from_R_4.2.2_rerun"], CultureInfo.InvariantCulture);
        var m = Sample(sample);
        var ordered = sample == "ordered";
        var actual = Measure(m, measure, ordered);

        // The R rerun values are printed to 10 significant digits.
        Assert.Equal(value, actual, Math.Abs(value) * 1e-8);
    }

    public static TheoryData<string, string> SampleCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var r in Rows("who_healthequal_samples_expected.csv"))
        {
            data.Add(r["sample"], r["measure"]);
        }

        return data;
    }

    /// <summary>The package's own survey samples: births attended by skilled personnel in Indonesia, by wealth quintile and by province.</summary>
    [Theory, MemberData(nameof(SampleCases))]
    public void Matches_the_WHO_healthequal_samples(string sample, string measure)
    {
        var row = Rows("who_healthequal_samples_expected.csv").Single(r => r["sample"] == sample && r["measure"] == measure);
        var expected = double.Parse(row["estimate"], CultureInfo.InvariantCulture);
        var ordered = sample == "Ordered";
        var m = new SummaryMeasures(Rows($"who_healthequal_{sample}Sample_inputs.csv").Select(r => new GroupValue(
            r["subgroup"], double.Parse(r["population"], CultureInfo.InvariantCulture), double.Parse(r["estimate"], CultureInfo.InvariantCulture),
            double.Parse(r["se"], CultureInfo.InvariantCulture), ordered ? int.Parse(r["subgroup_order"], CultureInfo.InvariantCulture) : null)),
            proportionScale: 100); // births attended, in per cent (the package's indicator_scale)

        Assert.Equal(expected, Measure(m, measure, ordered), Math.Abs(expected) * 1e-6);
        MeasureValue? withError = measure switch
        {
            "d" => m.Difference(ordered), "r" => m.Ratio(ordered), "bgv" => m.BetweenGroupVariance(), "ti" => m.Theil(), "mld" => m.MeanLogDeviation(),
            "aci" => m.AbsoluteConcentrationIndex(), "rci" => m.RelativeConcentrationIndex(), "par" => m.PopulationAttributableRisk(true, ordered),
            "paf" => m.PopulationAttributableFraction(true, ordered), _ => null,
        };
        if (withError is not null)
        {
            // The package gives PAF's standard error as a proportion while PAF itself is in per cent; Braid keeps both in per cent.
            var se = double.Parse(row["se"], CultureInfo.InvariantCulture) * (measure == "paf" ? 100 : 1);
            Assert.Equal(se, withError.StandardError!.Value, se * 1e-6);
        }
    }

    /// <summary>A measure by the name the R package's tests give it; favourable indicators, group 14 as the named reference.</summary>
    private static double Measure(SummaryMeasures m, string measure, bool ordered) => measure switch
    {
        "bgv" => m.BetweenGroupVariance().Value,
        "bgsd" => m.BetweenGroupStandardDeviation().Value,
        "cov" => m.CoefficientOfVariation().Value,
        "idisu" => m.IndexOfDisparity(weighted: false).Value,
        "idisw" => m.IndexOfDisparity(weighted: true).Value,
        "mdbu" => m.MeanDifferenceFromBest(weighted: false, favourable: true).Value,
        "mdbw" => m.MeanDifferenceFromBest(weighted: true, favourable: true).Value,
        "mdmu" => m.MeanDifferenceFromMean(weighted: false).Value,
        "mdmw" => m.MeanDifferenceFromMean(weighted: true).Value,
        "mdru" => m.MeanDifferenceFromReference("14", weighted: false).Value,
        "mdrw" => m.MeanDifferenceFromReference("14", weighted: true).Value,
        "mld" => 1000 * m.MeanLogDeviation().Value,
        "ti" => 1000 * m.Theil().Value,
        "paf" => m.PopulationAttributableFraction(favourable: true, ordered).Value,
        "par" => m.PopulationAttributableRisk(favourable: true, ordered).Value,
        "aci" => m.AbsoluteConcentrationIndex().Value,
        "rci" => m.RelativeConcentrationIndex().Value,
        "d" => m.Difference(ordered).Value,
        "r" => m.Ratio(ordered).Value,
        "sii" or "sii_logit" => m.LogisticSlopeIndexOfInequality().Sii.Value,
        "rii" or "rii_logit" => m.LogisticSlopeIndexOfInequality().Rii.Value,
        "sii_linear_wls" => m.SlopeIndexOfInequality().Sii.Value,
        "intercept_linear_wls" => m.SlopeIndexOfInequality().Intercept,
        _ => throw new InvalidOperationException("no case for " + measure),
    };

    [Fact]
    public void Every_result_states_its_reference_and_weighting()
    {
        var m = Sample("nonordered");
        Assert.Equal("group '14'", m.MeanDifferenceFromReference("14", weighted: true).Reference);
        Assert.Equal("unweighted", m.MeanDifferenceFromMean(weighted: false).Weighting);
        Assert.StartsWith("most advantaged group", Sample("ordered").PopulationAttributableRisk(favourable: true, ordered: true).Reference);
    }

    [Fact]
    public void Bad_groups_are_named()
    {
        Assert.Contains("at least two groups", Assert.Throws<EquityInputException>(() => new SummaryMeasures([new("A", 10, 5)])).Message);
        var negative = Assert.Throws<EquityInputException>(() => new SummaryMeasures([new("A", 10, 5), new("B", -3, 4)]));
        Assert.Equal("B", negative.Where);
        Assert.Contains("no order", Assert.Throws<EquityInputException>(() => new SummaryMeasures([new("A", 10, 5, Order: 1), new("B", 3, 4)]).AbsoluteConcentrationIndex()).Message);
        Assert.Contains("No group is called 'Z'", Assert.Throws<EquityInputException>(() => new SummaryMeasures([new("A", 10, 5), new("B", 3, 4)]).MeanDifferenceFromReference("Z", true)).Message);
    }
}
