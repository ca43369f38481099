using Braid.Core.Directory.Geo;
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
        csv.WriteRecord(["severity", "file", "table", "record_id", "field", "problem", "class"]);
        foreach (var i in Issues)
        {
            csv.WriteRecord([i.IsWarning ? "warning" : "error", .. new[] { i.File, i.Table, i.RecordId ?? "", i.Field ?? "", i.Problem, i.Code ?? "" }.Select(SpreadsheetText.Safe)]);
        }
    }

    /// <summary>
    /// The issues grouped by severity, file, field and class, most frequent first, each with its
    /// count and up to three example record ids: what a console can show of a 50,000-problem import.
    /// </summary>
    public IEnumerable<string> Summary(int examples = 3) =>
        Issues.GroupBy(i => (i.IsWarning, i.File, i.Table, i.Field, Key: i.Code ?? i.Problem))
            .OrderBy(g => g.Key.IsWarning).ThenByDescending(g => g.Count()).ThenBy(g => g.Key.File, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var ids = g.Select(i => i.RecordId).OfType<string>().Distinct().Take(examples).ToList();
                var count = g.Count();
                return $"{(g.Key.IsWarning ? "warning" : "error")}: {count:N0} × {first.File}{(first.Table == "-" ? "" : " " + first.Table)}{(first.Field is null ? "" : $" '{first.Field}'")}: " +
                       $"{(count == 1 ? first.Problem : first.Code is null ? first.Problem : first.Problem + $" [{first.Code}]")}{(ids.Count > 0 ? $" (e.g. {string.Join(", ", ids.Select(ImportIssue.Echo))})" : "")}";
            });
}

/// <summary>
/// Imports HSDS JSON or a tabular datapackage into a community's directory. By default a file
/// with any error is rejected whole and nothing is stored; with <c>skipInvalid</c> the valid
/// records are stored in one transaction and the rest reported. Re-importing updates in place.
/// </summary>
/// <param name="store">The directory imported into.</param>
/// <param name="inRegion">Whether a place is in the community's region; locations outside it are kept and flagged.</param>
/// <param name="time">The clock that dates the import run (the system clock when not given).</param>
public sealed class HsdsImporter(DirectoryStore store, Func<GeoPoint, bool>? inRegion = null, TimeProvider? time = null)
{
    public async Task<ImportReport> ImportAsync(string path, string communityId, bool skipInvalid = false, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var (records, issues, format) = Read(path);
        if (inRegion is not null) ExportRepairs.FlagOutsideRegion(records, issues, inRegion);
        progress?.Report($"read {records.Count} records ({format})");
        var existing = await store.IdsAsync(communityId, ct);
        var result = HsdsValidator.Validate(records, communityId, (table, id) => existing[table].Contains(id));
        issues.AddRange(result.Issues);
        var errors = issues.Count(i => !i.IsWarning);
        if (errors > 0 && !skipInvalid)
        {
            return new ImportReport(records.Count, 0, issues, Committed: false, format);
        }

        var run = new ImportRun(Guid.NewGuid().ToString(), Path.GetFullPath(path), format, (time ?? TimeProvider.System).GetUtcNow(), errors);
        // Parents before children, so a reader never sees a dangling reference mid-import.
        var batch = new HsdsDataset();
        foreach (var record in result.Valid) batch.Put(record);
        var ordered = HsdsDatasetOrder.ParentsFirst(batch);
        var written = await store.WriteAsync(communityId, ordered, run,
            progress is null ? null : new Progress<int>(n => progress.Report($"wrote {n} of {result.Valid.Count} records")), ct);
        return new ImportReport(records.Count, written, issues, Committed: true, format);
    }

    /// <summary>
    /// Reads a JSON file, a CSV datapackage folder (HSDS 3.0 or 1.x/2.x), or a folder of JSON files;
    /// when nothing importable is found, that is an error naming what was looked for.
    /// </summary>
    public static (List<RawRecord> Records, List<ImportIssue> Issues, string Format) Read(string path)
    {
        var issues = new List<ImportIssue>();
        var package = HsdsPackage.Locate(path, issues);
        List<RawRecord> records;
        string format;
        if (package.CsvFiles.Count > 0)
        {
            var (rows, problems) = HsdsTabular.Read(package);
            (records, format) = (rows, HsdsTabular.IsLegacy(package) ? "hsds-1.x/2.x tabular" : "hsds-3.0 tabular");
            issues.AddRange(problems);
        }
        else
        {
            var reader = new HsdsJsonReader();
            foreach (var file in package.JsonFiles) reader.Read(Path.GetFileName(file), File.ReadAllText(file));
            (records, format) = ([.. reader.Records], package.JsonFiles.Count > 0 ? "hsds-3.0 json" : "none");
            issues.AddRange(reader.Issues);
        }

        if (records.Count == 0)
        {
            issues.Add(new(path, "-", null, null, $"nothing to import: no HSDS records found. Looked for {HsdsPackage.LookedFor}", Code: "nothing-to-import"));
        }

        ExportRepairs.Apply(records, issues);
        return (records, issues, format);
    }
}
