using System.Globalization;
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

    /// <summary>Whether a folder holds an HSDS 1.x/2.x datapackage rather than 3.0.</summary>
    public static bool IsLegacy(string folder) =>
        LegacyHsds.Files.Keys.Any(f => File.Exists(Path.Combine(folder, f)) && !HsdsModel.Tables.Any(t => t.CsvPath == f))
        || (File.Exists(Path.Combine(folder, "datapackage.json")) && DeclaredVersion(folder) is { } v && !v.StartsWith('3'));

    public static (List<RawRecord> Records, List<ImportIssue> Issues) Read(string folder)
    {
        var records = new List<RawRecord>();
        var issues = new List<ImportIssue>();
        if (IsLegacy(folder))
        {
            LegacyHsds.Read(folder, records, issues);
            return (records, issues);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var table = HsdsModel.Tables.FirstOrDefault(t => t.CsvPath == name);
            if (table is null)
            {
                issues.Add(new(name, "-", null, null, "is not an HSDS 3.0 table; ignored", IsWarning: true));
                continue;
            }

            foreach (var row in ReadCsv(file, issues))
            {
                records.Add(new RawRecord(table.Name, name, row));
            }
        }

        return (records, issues);
    }

    internal static IEnumerable<Dictionary<string, string?>> ReadCsv(string file, List<ImportIssue> issues)
    {
        var rows = new List<Dictionary<string, string?>>();
        try
        {
            using var reader = new StreamReader(file);
            using var csv = CsvReader.Create(reader, ReadOptions, leaveOpen: false);
            while (csv.Read())
            {
                var header = csv.Headers;
                var row = new Dictionary<string, string?>();
                for (var i = 0; i < header.Count; i++)
                {
                    var value = i < csv.FieldCount ? csv.GetString(i) : null;
                    row[header[i].Trim().TrimStart('\uFEFF')] = string.IsNullOrEmpty(value) ? null : value;
                }

                rows.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            issues.Add(new(Path.GetFileName(file), "-", null, null, $"is not valid CSV: {e.Message.Split('\n')[0]}"));
        }

        return rows;
    }

    private static string? DeclaredVersion(string folder)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "datapackage.json")));
            return node?["version"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null; // the official example's datapackage.json is a bare path, not JSON
        }
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
