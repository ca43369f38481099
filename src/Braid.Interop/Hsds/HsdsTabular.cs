using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Braid.Core;
using Braid.Core.Directory.Hsds;
using CsvHelper;

namespace Braid.Interop.Hsds;

/// <summary>
/// Reads and writes the HSDS tabular datapackage: one CSV per table and a <c>datapackage.json</c>.
/// Reads HSDS 3.0 and the older 1.x/2.x layouts that many 211s still publish.
/// </summary>
public static class HsdsTabular
{
    private static readonly CsvReaderOptions ReadOptions = new() { HasHeader = true, FormatProvider = CultureInfo.InvariantCulture };
    private static readonly CsvWriterOptions WriteOptions = new() { HasHeader = true, FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };

    /// <summary>Whether the tables are the HSDS 1.x/2.x layout rather than 3.0.</summary>
    public static bool IsLegacy(HsdsPackage package) =>
        package.CsvFiles.Any(f => LegacyHsds.Find(Path.GetFileName(f)) is not null && TableOf(Path.GetFileName(f)) is null)
        || package.DeclaredVersion is { } v && !v.StartsWith('3');

    public static (List<RawRecord> Records, List<ImportIssue> Issues) Read(HsdsPackage package)
    {
        var records = new List<RawRecord>();
        var issues = new List<ImportIssue>();
        if (IsLegacy(package))
        {
            LegacyHsds.Read(package.CsvFiles, records, issues);
            return (records, issues);
        }

        foreach (var file in package.CsvFiles.OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var table = TableOf(name);
            if (table is null)
            {
                issues.Add(new(name, "-", null, null, "is not an HSDS 3.0 table; ignored", IsWarning: true, Code: "unknown-table"));
                continue;
            }

            foreach (var row in ReadCsv(file, issues))
            {
                records.Add(new RawRecord(table.Name, name, row));
            }
        }

        return (records, issues);
    }

    /// <summary>The HSDS 3.0 table a CSV file holds, by its name in any case.</summary>
    private static HsdsTable? TableOf(string fileName) => HsdsModel.Tables.FirstOrDefault(t => t.CsvPath == fileName.ToLowerInvariant());

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The rows of a CSV file as column → value. A file that is not UTF-8 is read as Latin-1
    /// (older 211 tools write Windows code pages), with a warning, rather than with U+FFFD in
    /// place of every accented letter. A row with more or fewer fields than the header (an
    /// unbalanced quote, an unquoted comma) is an error, not silently shifted or cut.
    /// </summary>
    internal static IEnumerable<Dictionary<string, string?>> ReadCsv(string file, List<ImportIssue> issues)
    {
        var name = Path.GetFileName(file);
        var bytes = File.ReadAllBytes(file);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
            issues.Add(new(name, "-", null, null, "is not UTF-8; read as Latin-1 (ISO 8859-1). Export as UTF-8 to be sure of every character", IsWarning: true, Code: "not-utf8"));
        }

        var rows = new List<Dictionary<string, string?>>();
        try
        {
            using var csv = CsvReader.Create(new LineLengthLimit(new StringReader(text.TrimStart('\uFEFF'))), ReadOptions, leaveOpen: false);
            var line = 1;
            while (csv.Read())
            {
                line++;
                var header = csv.Headers;
                if (csv.FieldCount != header.Count)
                {
                    var id = header.Count > 0 && header[0].Trim() == "id" && csv.FieldCount > 0 ? csv.GetString(0) : null;
                    issues.Add(new(name, "-", id is null ? null : ImportIssue.Echo(id), null,
                        $"row {line} has {csv.FieldCount} fields but the header has {header.Count} (an unbalanced quote or an unquoted comma?); the row is not imported", Code: "field-count"));
                    continue;
                }

                var row = new Dictionary<string, string?>();
                for (var i = 0; i < header.Count; i++)
                {
                    var value = csv.GetString(i);
                    row[header[i].Trim()] = string.IsNullOrEmpty(value) ? null : value;
                }

                rows.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            issues.Add(new(name, "-", null, null, $"is not valid CSV: {ImportIssue.Echo(e.Message.Split('\n')[0])}", Code: "invalid-csv"));
        }
        catch (LineTooLongException e)
        {
            rows.Clear();
            issues.Add(new(name, "-", null, null, $"line {e.Line} is longer than {LineLengthLimit.MaxChars:N0} characters; the file is not imported", Code: "line-too-long"));
        }

        return rows;
    }

    /// <summary>Writes every table as CSV in the specification's column order, and the datapackage describing them.</summary>
    public static void Write(HsdsDataset data, string folder, string specDatapackageJson)
    {
        Directory.CreateDirectory(folder);
        foreach (var table in HsdsModel.Tables)
        {
            using var writer = new StreamWriter(Path.Combine(folder, table.CsvPath));
            using var csv = CsvWriter.Create(writer, WriteOptions, leaveOpen: false);
            csv.WriteRecord([.. table.Fields.Select(f => f.Name)]);
            foreach (var record in data.Rows(table))
            {
                csv.WriteRecord([.. table.Fields.Select(f => f.GetText(record) ?? "")]);
            }
        }

        File.WriteAllText(Path.Combine(folder, "datapackage.json"), specDatapackageJson);
    }

    /// <summary>The tabular JSON form (the official <c>examples/tabular.json</c>): CSV file name to rows.</summary>
    public static JsonObject ToTabularJson(HsdsDataset data)
    {
        var root = new JsonObject();
        foreach (var table in HsdsModel.Tables)
        {
            root[table.CsvPath] = new JsonArray([.. data.Rows(table).Select(r => (JsonNode)HsdsJsonWriter.Scalars(r))]);
        }

        return root;
    }
}
