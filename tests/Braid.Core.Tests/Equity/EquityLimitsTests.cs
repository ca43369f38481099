using Braid.Core.Equity;

namespace Braid.Core.Tests.Equity;

/// <summary>
/// Requests beyond the published limits (500 columns, names of 200 characters, 500 groups, 20,000
/// figures, 500 model parameters) are refused before the work they would cause, naming the limit.
/// </summary>
public sealed class EquityLimitsTests
{
    private static EquityTable Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) => EquityTable.FromRows(header, rows);

    /// <summary>Rows of (group, stratum, covariate a, covariate b, outcome), 0/1 outcome alternating.</summary>
    private static EquityTable Rows(int groups, int strata = 1, int levelsA = 1, int levelsB = 1, int rows = 4_000) =>
        Table(["group", "county", "a", "b", "met"], Enumerable.Range(0, rows).Select(i => (IReadOnlyList<string>)
            [$"g{i % groups}", $"c{i % strata}", $"a{i / 7 % levelsA}", $"b{i / 11 % levelsB}", (i / 3 % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)]));

    [Fact]
    public void A_table_of_501_columns_is_refused_and_500_are_read()
    {
        var limit = Assert.Throws<EquityLimitException>(() => Table([.. Enumerable.Range(0, 501).Select(i => $"c{i}")], [[.. Enumerable.Repeat("1", 501)]]));
        Assert.Contains("501 columns", limit.Message);
        Assert.Contains("at most 500", limit.Message);
        Assert.Equal(500, Table([.. Enumerable.Range(0, 500).Select(i => $"c{i}")], [[.. Enumerable.Repeat("1", 500)]]).Columns.Count);
    }

    [Fact]
    public void A_column_name_over_200_characters_is_refused_in_the_header_and_in_a_request_without_looking_for_the_closest()
    {
        Assert.Contains("201 characters", Assert.Throws<EquityLimitException>(() => Table(["group", new string('x', 201)], [["a", "1"]])).Message);

        // A misspelt 40,000-character name once took 12 s to compare with every column.
        var table = Table(["group", "met"], [["a", "1"], ["b", "0"]]);
        var limit = Assert.Throws<EquityLimitException>(() => EquityAnalysis.Report(table, new EquityRequest { Outcome = new string('m', 40_000), By = "group" }));
        Assert.Contains("40,000 characters", limit.Message);
        Assert.True(limit.Where.Length < 30);
    }

    [Fact]
    public void Five_hundred_groups_are_compared_and_501_are_refused_naming_the_column()
    {
        var limit = Assert.Throws<EquityLimitException>(() => EquityAnalysis.Report(Rows(501, rows: 6_000), new EquityRequest { Outcome = "met", By = "group", MinimumCell = 0 }));
        Assert.Equal("group", limit.Where);
        Assert.Contains("501 groups", limit.Message);
        Assert.Equal(500, EquityAnalysis.Report(Rows(500, rows: 6_000), new EquityRequest { Outcome = "met", By = "group", MinimumCell = 0 }).Groups.Count);
    }

    [Fact]
    public void Strata_times_groups_beyond_20000_figures_are_refused()
    {
        // 10 groups × (2,000 strata + all together) = 20,010 figures.
        var limit = Assert.Throws<EquityLimitException>(() => EquityAnalysis.Report(Rows(10, strata: 2_000, rows: 20_000), new EquityRequest { Outcome = "met", By = "group", Per = "county", MinimumCell = 0 }));
        Assert.Contains("20,010 figures", limit.Message);
        Assert.Contains("20,000", limit.Message);
    }

    [Fact]
    public void A_race_test_model_of_more_than_500_parameters_is_refused()
    {
        // Intercept + 399 groups + 99 + 99 covariate levels = 598 parameters.
        var limit = Assert.Throws<EquityLimitException>(() => EquityAnalysis.Report(Rows(400, levelsA: 100, levelsB: 100, rows: 12_000),
            new EquityRequest { Outcome = "met", By = "group", Adjust = ["a", "b"], MinimumCell = 0 }));
        Assert.Contains("598 parameters", limit.Message);
    }

    [Fact]
    public void A_cancelled_request_stops_the_report()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => EquityAnalysis.Report(Rows(5), new EquityRequest { Outcome = "met", By = "group" }, cancelled.Token));
    }
}
