using System.Globalization;
using Braid.Core.Equity;
using CsvHelper;

namespace Braid.Core.Tests.Equity;

/// <summary>Reads the reference tables in tests/fixtures/equity (see PROVENANCE.md there).</summary>
internal static class EquityFixtures
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "equity");

    public static EquityTable Table(string file)
    {
        using var reader = new StreamReader(Path.Combine(Folder, file));
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: false);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "")]);
        return EquityTable.FromRows(rows[0], rows.Skip(1));
    }
}
