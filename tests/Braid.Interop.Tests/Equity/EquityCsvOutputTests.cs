using Braid.Core.Equity;
using Braid.Interop.Equity;

namespace Braid.Interop.Tests.Equity;

public sealed class EquityCsvOutputTests
{
    [Fact]
    public void Given_groups_named_like_formulas_When_written_as_CSV_Then_a_spreadsheet_reads_them_as_text_and_numbers_stay_numbers()
    {
        // OWASP CSV injection: cells starting with = + - @ run as formulas in Excel and LibreOffice.
        var names = new[] { "=1+1", "+SUM(A1)", "-2+3", "@cmd", "Plain" };
        var lines = names.SelectMany((name, g) => Enumerable.Range(0, 40).Select(i => (IReadOnlyList<string>)[name, i < 12 + 3 * g ? "1" : "0"]));
        var report = EquityAnalysis.Report(EquityTable.FromRows(["group", "met"], lines), new EquityRequest { Outcome = "met", By = "group", Reference = "Plain" });

        var rows = Records(EquityJson.Csv(report)).Where(f => f[0] == "group").ToList();

        foreach (var name in names.Take(4)) Assert.Contains(rows, f => f[3] == "'" + name);
        Assert.Contains(rows, f => f[3] == "Plain");
        Assert.All(rows.Where(f => f[3] != "All groups"), f => Assert.True(double.TryParse(f[7], System.Globalization.CultureInfo.InvariantCulture, out _), string.Join(",", f)));
        Assert.Contains(rows, f => f[12].StartsWith('-')); // a negative difference is still a number
    }

    private static List<string[]> Records(string text)
    {
        using var csv = CsvHelper.CsvReader.Create(new StringReader(text), new CsvHelper.CsvReaderOptions { HasHeader = false });
        var records = new List<string[]>();
        while (csv.Read()) records.Add([.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "")]);
        return records;
    }
}
