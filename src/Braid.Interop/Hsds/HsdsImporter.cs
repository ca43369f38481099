using Braid.Core.Directory.Hsds;
using Braid.Data.Directory;

namespace Braid.Interop.Hsds;

/// <summary>What an import did: records read, records written, every problem, and whether anything was stored.</summary>
public sealed record ImportReport(int Read, int Written, IReadOnlyList<ImportIssue> Issues, bool Committed, string Format)
{
    public int ErrorCount => Issues.Count(i => !i.IsWarning);

    /// <summary>Writes every issue as a CSV row: severity, file, table, record id, field, problem.</summary>
    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path);
        using var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, leaveOpen: false);
        csv.WriteRecord(["severity", "file", "table", "record_id", "field", "problem"]);
        foreach (var i in Issues)
        {
            csv.WriteRecord([i.IsWarning ? "warning" : "error", .. new[] { i.File, i.Table, i.RecordId ?? "", i.Field ?? "", i.Problem }.Select(SpreadsheetText.Safe)]);
        }
    }
}

/// <summary>
/// Imports HSDS JSON or a tabular datapackage into a community's directory. By default a file
/// with any error is rejected whole and nothing is stored; with <c>skipInvalid</c> the valid
/// records are stored in one transaction and the rest reported. Re-importing updates in place.
/// </summary>
public sealed class HsdsImporter(DirectoryStore store)
{
    public async Task<ImportReport> ImportAsync(string path, string communityId, bool skipInvalid = false, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var (records, issues, format) = Read(path);
        progress?.Report($"read {records.Count} records ({format})");
        var existing = await store.IdsAsync(communityId, ct);
        var result = HsdsValidator.Validate(records, communityId, (table, id) => existing[table].Contains(id));
        issues.AddRange(result.Issues);
        var errors = issues.Count(i => !i.IsWarning);
        if (errors > 0 && !skipInvalid)
        {
            return new ImportReport(records.Count, 0, issues, Committed: false, format);
        }

        var run = new ImportRun(Guid.NewGuid().ToString(), Path.GetFullPath(path), format, DateTimeOffset.UtcNow, errors);
        // Parents before children, so a reader never sees a dangling reference mid-import.
        var batch = new HsdsDataset();
        foreach (var record in result.Valid) batch.Put(record);
        var ordered = HsdsDatasetOrder.ParentsFirst(batch);
        var written = await store.WriteAsync(communityId, ordered, run,
            progress is null ? null : new Progress<int>(n => progress.Report($"wrote {n} of {result.Valid.Count} records")), ct);
        return new ImportReport(records.Count, written, issues, Committed: true, format);
    }

    /// <summary>Reads a JSON file, a CSV datapackage folder (HSDS 3.0 or 1.x/2.x), or a folder of JSON files.</summary>
    public static (List<RawRecord> Records, List<ImportIssue> Issues, string Format) Read(string path)
    {
        if (File.Exists(path) && Path.GetFileName(path) == "datapackage.json")
        {
            path = Path.GetDirectoryName(Path.GetFullPath(path))!;
        }

        if (Directory.Exists(path))
        {
            if (Directory.EnumerateFiles(path, "*.csv").Any())
            {
                var legacy = HsdsTabular.IsLegacy(path);
                var (records, issues) = HsdsTabular.Read(path);
                return (records, issues, legacy ? "hsds-1.x/2.x tabular" : "hsds-3.0 tabular");
            }

            var reader = new HsdsJsonReader();
            foreach (var file in Directory.EnumerateFiles(path, "*.json").Where(f => Path.GetFileName(f) != "datapackage.json").Order(StringComparer.Ordinal))
            {
                reader.Read(Path.GetFileName(file), File.ReadAllText(file));
            }

            return ([.. reader.Records], [.. reader.Issues], "hsds-3.0 json");
        }

        if (File.Exists(path))
        {
            var reader = new HsdsJsonReader();
            reader.Read(Path.GetFileName(path), File.ReadAllText(path));
            return ([.. reader.Records], [.. reader.Issues], "hsds-3.0 json");
        }

        return ([], [new ImportIssue(path, "-", null, null, "does not exist")], "none");
    }
}
