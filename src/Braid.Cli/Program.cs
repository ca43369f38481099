using System.CommandLine;
using Braid.Application.Directory;
using Braid.Core.Demo;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Data.Directory;
using Braid.Data.Migrations;
using Braid.Data.Region;
using Braid.Interop.Equity;
using Braid.Interop.Hsds;

// The `braid` command: import, export and the demo community, on the same database the web app uses.
var database = new Option<string?>("--database") { Description = "Connection string (default: BRAID_DATABASE, else SQLite in --data-dir)." };
var dataDir = new Option<string>("--data-dir") { Description = "Folder of the embedded SQLite database.", DefaultValueFactory = _ => "braid-data" };
var community = new Option<string>("--community") { Description = "Community (exchange) id.", DefaultValueFactory = _ => "demo" };

var importPath = new Argument<string>("path") { Description = "HSDS JSON file, folder of JSON files, or CSV datapackage folder (HSDS 3.0 or 1.x/2.x)." };
var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid records and report the rest, instead of rejecting the whole file." };
var report = new Option<string>("--report") { Description = "Where to write the CSV report of problems.", DefaultValueFactory = _ => "import-report.csv" };
var importHsds = new Command("hsds", "Import an HSDS directory.") { importPath, skipInvalid, report };
importHsds.SetAction(async (parse, ct) =>
{
    await using var db = await OpenAsync(parse.GetValue(database), parse.GetValue(dataDir)!, ct);
    var id = parse.GetValue(community)!;
    var result = await new ImportDirectory(OperatorCaller.Context(db, id), new DirectoryStore(db))
        .ImportAsync(parse.GetValue(importPath)!, parse.GetValue(skipInvalid), new Progress<string>(Console.Error.WriteLine), ct);

    // Grouped by file, field and problem with counts: the report file has every line.
    foreach (var line in result.Summary()) Console.Error.WriteLine(line);
    var reportPath = parse.GetValue(report)!;
    if (result.Issues.Count > 0)
    {
        result.WriteCsv(reportPath);
    }

    if (result.Read == 0)
    {
        Console.Error.WriteLine($"Nothing to import from {parse.GetValue(importPath)}: no HSDS records found; nothing was changed. Looked for {HsdsPackage.LookedFor}.");
        return 1;
    }

    Console.WriteLine(result.Committed
        ? $"Imported {result.Written} of {result.Read} records ({result.Format}); {result.ErrorCount} errors, {result.Issues.Count - result.ErrorCount} warnings{(result.Issues.Count > 0 ? $"; report: {reportPath}" : "")}."
        : $"Rejected: {result.ErrorCount} errors in {result.Read} records; nothing was changed. Report: {reportPath}. Use --skip-invalid to import the valid records.");
    return result.Committed ? 0 : 1;
});

var exportDir = new Argument<string>("dir") { Description = "Folder to write the CSV datapackage and json/ into." };
var exportHsds = new Command("hsds", "Export the directory as an HSDS 3.0 datapackage (CSV) and JSON.") { exportDir };
exportHsds.SetAction(async (parse, ct) =>
{
    await using var db = await OpenAsync(parse.GetValue(database), parse.GetValue(dataDir)!, ct);
    var data = await new DirectoryStore(db).LoadAsync(parse.GetValue(community)!, ct);
    HsdsExporter.Export(data, parse.GetValue(exportDir)!);
    Console.WriteLine($"Exported {data.TotalCount} records to {parse.GetValue(exportDir)}.");
    return 0;
});

var services = new Option<int>("--services") { Description = "Number of services to generate.", DefaultValueFactory = _ => 1500 };
var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same community.", DefaultValueFactory = _ => 2026 };
var outcomes = new Option<string?>("--outcomes") { Description = "Where to write the demo people's two-year outcome table (default: demo-outcomes.csv in --data-dir)." };
var demo = new Command("demo", "Generate the demo community on the real Baltimore City tracts and store it, with its people's outcome table.") { services, seed, outcomes };
demo.SetAction(async (parse, ct) =>
{
    await using var db = await OpenAsync(parse.GetValue(database), parse.GetValue(dataDir)!, ct);
    var id = parse.GetValue(community)!;
    var written = await new ImportDirectory(OperatorCaller.Context(db, id), new DirectoryStore(db))
        .GenerateDemoAsync(parse.GetValue(services), parse.GetValue(seed), new Progress<int>(n => Console.Error.Write($"\r{n:N0} records")), ct);
    Console.Error.WriteLine();
    Console.WriteLine($"Demo community '{id}': {parse.GetValue(services):N0} services, {written:N0} HSDS records.");
    var outcomesPath = parse.GetValue(outcomes) ?? Path.Combine(parse.GetValue(dataDir)!, "demo-outcomes.csv");
    await using (var writer = new StreamWriter(outcomesPath))
    {
        EquityCsv.Write(writer, DemoOutcomes.Header, DemoOutcomes.Generate(RegionData.Baltimore, parse.GetValue(seed)));
    }

    Console.WriteLine($"Demo outcomes (need_met has a planted disparity, referral_declined none): {outcomesPath}");
    return 0;
});

var checkpoints = new Option<string?>("--checkpoints") { Description = "The signed checkpoints (default: audit-checkpoints.jsonl in --data-dir, if there)." };
var auditKey = new Option<string?>("--key") { Description = "The PEM key the checkpoints were signed with, or its public half (default: audit-key.pem in --data-dir)." };
var auditVerify = new Command("verify", "Check the audit trail's hash chain, and that it still holds what each signed checkpoint saw; say where it breaks.") { checkpoints, auditKey };
auditVerify.SetAction(async (parse, ct) =>
{
    var folder = parse.GetValue(dataDir)!;
    var checkpointFile = parse.GetValue(checkpoints) ?? Path.Combine(folder, AuditCheckpointFile.DefaultCheckpointsName);
    var anchored = File.Exists(checkpointFile);
    if (!anchored && parse.GetValue(checkpoints) is not null)
    {
        Console.Error.WriteLine($"No checkpoint file at {checkpointFile}.");
        return 2;
    }

    var keyFile = parse.GetValue(auditKey) ?? Path.Combine(folder, AuditCheckpointFile.DefaultKeyName);
    if (anchored && !File.Exists(keyFile))
    {
        Console.Error.WriteLine($"The checkpoints cannot be checked without the key that signed them (or its public half): none at {keyFile}; give it with --key.");
        return 2;
    }

    List<Braid.Core.Audit.AuditCheckpoint> signed;
    using var key = anchored ? AuditCheckpointFile.LoadKey(keyFile) : null;
    try
    {
        signed = anchored ? AuditCheckpointFile.Read(checkpointFile) : [];
    }
    catch (InvalidDataException e)
    {
        Console.Error.WriteLine($"Audit checkpoints unreadable: {e.Message}");
        return 1;
    }

    await using var db = await OpenAsync(parse.GetValue(database), folder, ct);
    var result = await new AuditLog(db, TimeProvider.System).VerifyAsync(signed, key, ct);
    if (result.Intact)
    {
        Console.WriteLine($"Audit trail intact: {result.Verified:N0} events verified; " + (signed.Count > 0
            ? $"{signed.Count:N0} signed checkpoints hold, the last of {signed[^1].At:u}."
            : $"no signed checkpoints at {checkpointFile}, so a chain recomputed from scratch would pass too."));
        return 0;
    }

    Console.Error.WriteLine(result.BrokenAt is { } at
        ? $"Audit trail BROKEN at event {at}: {result.Problem}. The {result.Verified:N0} events before it verify."
        : $"Audit trail BROKEN: {result.Problem}. The chain itself verifies ({result.Verified:N0} events), so it was recomputed after a change.");
    return 1;
});

var backupFile = new Argument<string>("file") { Description = "The backup file: an SQLite database, or a pg_dump in custom format." };
var backup = new Command("backup", "Copy the whole database to a file, while the server runs.") { backupFile };
backup.SetAction(async (parse, ct) =>
{
    var file = parse.GetValue(backupFile)!;
    var cs = ConnectionOf(parse.GetValue(database), parse.GetValue(dataDir)!);
    await using var db = await OpenAsync(cs, parse.GetValue(dataDir)!, ct);
    var events = (await new AuditLog(db, TimeProvider.System).HeadsAsync(ct)).Sum(h => h.Events);
    try
    {
        await DatabaseBackup.BackupAsync(cs, file, ct);
    }
    catch (BackupException e)
    {
        Console.Error.WriteLine("No backup was made: " + e.Message);
        return 1;
    }

    Console.WriteLine($"Backed up to {file} ({new FileInfo(file).Length:N0} bytes; the audit trail then held {events:N0} events).");
    return 0;
});

var replace = new Option<bool>("--replace") { Description = "Confirm that everything now in the database is replaced by the backup." };
var restore = new Command("restore", "Replace the whole database with a backup, then check its audit trail.") { backupFile, replace };
restore.SetAction(async (parse, ct) =>
{
    if (!parse.GetValue(replace))
    {
        Console.Error.WriteLine("A restore replaces everything in the database; run it again with --replace to confirm.");
        return 2;
    }

    var cs = ConnectionOf(parse.GetValue(database), parse.GetValue(dataDir)!);
    try
    {
        await DatabaseBackup.RestoreAsync(cs, parse.GetValue(backupFile)!, ct);
    }
    catch (BackupException e)
    {
        Console.Error.WriteLine("Nothing was restored: " + e.Message);
        return 1;
    }

    // A backup from an older Braid is brought to this one's schema.
    await using var db = await OpenAsync(cs, parse.GetValue(dataDir)!, ct);
    var audit = await new AuditLog(db, TimeProvider.System).VerifyAsync(ct: ct);
    Console.WriteLine($"Restored {parse.GetValue(backupFile)}; audit trail " + (audit.Intact ? $"intact: {audit.Verified:N0} events verified." : $"BROKEN: {audit.Problem}."));
    return audit.Intact ? 0 : 1;
});

var root = new RootCommand("Braid: a community information exchange.")
{
    new Command("import", "Import data.") { importHsds },
    new Command("export", "Export data.") { exportHsds },
    new Command("audit", "The audit trail.") { auditVerify },
    backup,
    restore,
    new Command("equity", "Is race still predicting how people fare?") { EquityCommands.Report(Open, community) },
    new Command("context", "Neighbourhood context by census tract.") { EquityCommands.Import(Open, community) },
    demo,
};
foreach (var o in new Option[] { database, dataDir, community }) { o.Recursive = true; root.Options.Add(o); }
return await root.Parse(args).InvokeAsync();

Task<BraidDbContext> Open(ParseResult parse, CancellationToken ct) => OpenAsync(parse.GetValue(database), parse.GetValue(dataDir)!, ct);

static string ConnectionOf(string? connectionString, string dataDir) =>
    connectionString is { Length: > 0 } ? connectionString
    : Environment.GetEnvironmentVariable("BRAID_DATABASE") is { Length: > 0 } env ? env
    : DatabaseOptions.DefaultSqlite(dataDir);

static async Task<BraidDbContext> OpenAsync(string? connectionString, string dataDir, CancellationToken ct)
{
    var db = DatabaseOptions.CreateContext(ConnectionOf(connectionString, dataDir));
    await Migrator.MigrateAsync(db, ct: ct);
    return db;
}

