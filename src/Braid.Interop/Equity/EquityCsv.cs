using System.Globalization;
using Braid.Core.Equity;
using CsvHelper;

namespace Braid.Interop.Equity;

/// <summary>Reads an outcome table from CSV (a file or a request body) into an <see cref="EquityTable"/>.</summary>
public static class EquityCsv
{
    private static readonly CsvReaderOptions Options = new() { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture };

    public static EquityTable Read(TextReader text)
    {
        try
        {
            using var csv = CsvReader.Create(new LineLengthLimit(text), Options, leaveOpen: true);
            if (!csv.Read()) throw new EquityInputException("header", EquityText.Get("csv-empty"));
            // Counted before the fields are made strings: one line of a million commas would otherwise take gigabytes.
            TooMany(csv.FieldCount);
            var header = Fields(csv);
            header[0] = header[0].TrimStart('\uFEFF');
            return EquityTable.FromRows(header, Rows(csv));
        }
        catch (CsvFormatException e)
        {
            throw new EquityInputException("csv", EquityText.Get("csv-invalid", e.Message.Split('\n')[0]));
        }
        catch (LineTooLongException e)
        {
            throw new EquityLimitException($"line {e.Line}", EquityText.Get("limit-line", e.Line, LineLengthLimit.MaxChars));
        }
    }

    /// <summary>Writes a header and rows as CSV (quoted where needed).</summary>
    public static void Write(TextWriter text, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var csv = CsvWriter.Create(text, new CsvWriterOptions { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord([.. header]);
        foreach (var row in rows) csv.WriteRecord([.. row]);
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(CsvReader csv)
    {
        var row = new List<string>();
        while (csv.Read())
        {
            row.Clear();
            TooMany(csv.FieldCount);
            for (var i = 0; i < csv.FieldCount; i++) row.Add(csv.GetString(i) ?? "");
            yield return row;
        }
    }

    private static void TooMany(int fields)
    {
        if (fields > EquityLimits.Columns) throw new EquityLimitException("csv", EquityText.Get("limit-columns", fields, EquityLimits.Columns));
    }

    private static List<string> Fields(CsvReader csv) => [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "")];
}
