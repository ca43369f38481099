using System.Globalization;
using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

/// <summary>SII and RII by weighted least squares against UKHSA PHEindicatormethods' test data (fixtures/equity).</summary>
public sealed class SlopeIndexTests
{
    private static readonly EquityTable Data = EquityFixtures.Table("ukhsa_PHEindicatormethods_testdata_SII.csv");

    private static string Text(string column, int row) => Data[column].Codes[row] is >= 0 and var c ? Data[column].Levels[c] : "";

    private static double Number(string column, int row) => Data[column].Numbers[row];

    /// <summary>Every test and area with an expected SII: the error-handling cases have none.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in Enumerable.Range(0, Data.RowCount).Where(r => !double.IsNaN(Number("sii", r))).Select(r => (Text("TestDescription", r), Text("Area", r))).Distinct())
            data.Add(key.Item1, key.Item2);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Matches_UKHSA_PHEindicatormethods(string test, string area)
    {
        var rows = Enumerable.Range(0, Data.RowCount).Where(r => Text("TestDescription", r) == test && Text("Area", r) == area).ToList();
        var measures = new SummaryMeasures(rows.Select(r => new GroupValue(Text("Quantile", r), Number("Population", r), Number("Value", r),
            Order: int.Parse(Text("Quantile", r), CultureInfo.InvariantCulture))));
        var transform = test.Contains("log transform") ? SlopeTransform.Log : test.Contains("logit transform") ? SlopeTransform.Logit : SlopeTransform.None;
        // The tests' multiplier scales the SII; a negative one also turns the ratio around.
        var multiplier = test.Contains("x 100") ? 100 : test.Contains("x -100") ? -100 : test.Contains("negative multiplier") ? -1 : 1;
        var slope = measures.SlopeIndexOfInequality(transform);
        var expected = rows.First(r => !double.IsNaN(Number("sii", r)));

        Assert.Equal(Number("sii", expected), multiplier * slope.Sii.Value, Math.Abs(Number("sii", expected)) * 1e-9);
        if (!double.IsNaN(Number("rii", expected)))
            Assert.Equal(Number("rii", expected), multiplier < 0 ? 1 / slope.Rii.Value : slope.Rii.Value, Number("rii", expected) * 1e-9);
        if (!double.IsNaN(Number("Intercept", expected)))
            Assert.Equal(Number("Intercept", expected), slope.Intercept, Number("Intercept", expected) * 1e-9);
    }

    [Fact]
    public void The_Kunst_Mackenbach_index_is_the_disadvantaged_end_over_the_advantaged_end()
    {
        // Two groups of equal size on a straight line y = 10 + 8x: ridits 0.25 and 0.75 give 12 and 16,
        // so the fitted ends are 10 (disadvantaged) and 18 (advantaged).
        var slope = new SummaryMeasures([new GroupValue("low", 50, 12, Order: 1), new GroupValue("high", 50, 16, Order: 2)]).SlopeIndexOfInequality();
        Assert.Equal(8, slope.Sii.Value, 1e-12);
        Assert.Equal(1.8, slope.Rii.Value, 1e-12);
        Assert.Equal(10.0 / 18, slope.KunstMackenbach.Value, 1e-12);
    }
}
