using Braid.Core.Equity;
using Braid.Interop.Equity;
using Braid.Interop.People;

namespace Braid.Interop.Tests.Equity;

/// <summary>Every CSV reader refuses a line over 1,048,576 characters as it arrives, and a table of over 500 fields before making them strings.</summary>
public sealed class CsvLineLimitTests
{
    private const int OneMebi = 1_048_576;

    [Fact]
    public void An_outcome_table_with_a_line_over_the_limit_is_refused_naming_the_line()
    {
        var csv = "race,met\nA,1\n" + new string('B', OneMebi + 1) + ",0\n";
        var limit = Assert.Throws<EquityLimitException>(() => EquityCsv.Read(new StringReader(csv)));
        Assert.Equal("line 3", limit.Where);
        Assert.Contains("1,048,576", limit.Message);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_read()
    {
        var name = new string('B', OneMebi - ",0".Length);
        var table = EquityCsv.Read(new StringReader("race,met\n" + name + ",0\nA,1\n"));
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void A_header_of_a_million_commas_is_refused_as_too_many_columns()
    {
        var limit = Assert.Throws<EquityLimitException>(() => EquityCsv.Read(new StringReader(new string(',', 400_000) + "\n")));
        Assert.Contains("400,001 columns", limit.Message);
    }

    [Fact]
    public void A_people_file_with_a_line_over_the_limit_is_refused_whole()
    {
        var file = PeopleCsv.Read(new StringReader("given_name,family_name\nRosa,Quispe\n" + new string('x', OneMebi + 1) + ",Doe\n"));
        Assert.Empty(file.Rows);
        var problem = Assert.Single(file.Problems);
        Assert.True(problem.RefusesFile);
        Assert.Equal("csv-line-too-long", problem.Error.Key);
        Assert.Equal(3, problem.Line);
    }
}
