using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Braid.Bench;
using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Search;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Migrations;
using Braid.Data.Region;
using Braid.Testing;
using Npgsql;

// Directory search at several sizes: Braid's in-memory index in process and over HTTP, side by
// side with PostgreSQL + PostGIS answering the same queries on the same listings.
var sizesOption = new Option<string>("--sizes") { Description = "Comma-separated numbers of services.", DefaultValueFactory = _ => "10000,100000,1000000" };
var queriesOption = new Option<int>("--queries") { Description = "Queries in the mix.", DefaultValueFactory = _ => 2000 };
var postgresOption = new Option<string?>("--postgres") { Description = "Connection string of a PostgreSQL 15 server with PostGIS (default: BRAID_BENCH_POSTGRES)." };
var outOption = new Option<string?>("--out") { Description = "Markdown file for the results (default: bench/results/directory-search-DATE.md)." };
var root = new RootCommand("Braid directory search benchmark") { sizesOption, queriesOption, postgresOption, outOption };
root.SetAction(async (parse, ct) =>
{
    if (Postgres(parse, "bench/run") is not { } postgres) return 2;

    var sizes = parse.GetValue(sizesOption)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
    return await WriteAsync(await new Benchmark(postgres, parse.GetValue(queriesOption)).RunAsync(sizes), parse.GetValue(outOption), "directory-search", ct);
});
var liveSizes = new Option<string>("--sizes") { Description = "Comma-separated numbers of services.", DefaultValueFactory = _ => "100000,1000000" };
var liveEdits = new Option<int>("--edits") { Description = "Edits made while searching.", DefaultValueFactory = _ => 20 };
var liveOut = new Option<string?>("--out") { Description = "Markdown file for the results (default: bench/results/live-index-DATE.md)." };
var live = new Command("live", "Edits while searching: how soon an edit is found, and the longest search meanwhile.") { liveSizes, liveEdits, liveOut };
live.SetAction(async (parse, ct) =>
{
    var sizes = parse.GetValue(liveSizes)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
    return await WriteAsync(await new LiveEdits(parse.GetValue(liveEdits)).RunAsync(sizes), parse.GetValue(liveOut), "live-index", ct);
});
root.Subcommands.Add(live);
var dupPopulation = new Option<int>("--population") { Description = "People in the generated population.", DefaultValueFactory = _ => 20000 };
var dupPerKind = new Option<int>("--per-kind") { Description = "Planted duplicates of each kind (and new people).", DefaultValueFactory = _ => 300 };
var dupOut = new Option<string?>("--out") { Description = "Markdown file for the results (default: bench/results/duplicates-DATE.md)." };
var duplicates = new Command("duplicates", "Duplicate detection's precision and recall on planted duplicates of each kind (not timed).") { dupPopulation, dupPerKind, dupOut };
duplicates.SetAction(async (parse, ct) =>
{
    return await WriteAsync(await new Duplicates(parse.GetValue(dupPopulation), parse.GetValue(dupPerKind), 2026).RunAsync(), parse.GetValue(dupOut), "duplicates", ct);
});
root.Subcommands.Add(duplicates);
var peopleSizes = new Option<string>("--sizes") { Description = "Comma-separated numbers of people.", DefaultValueFactory = _ => "100000,1000000" };
var peopleQueries = new Option<int>("--queries") { Description = "Searches in the mix.", DefaultValueFactory = _ => 500 };
var peopleOut = new Option<string?>("--out") { Description = "Markdown file for the results (default: bench/results/person-search-DATE.md)." };
var peopleSearch = new Command("people", "Person search (FindPeople) on SQLite and PostgreSQL beside pg_trgm.") { peopleSizes, peopleQueries, postgresOption, peopleOut };
peopleSearch.SetAction(async (parse, ct) =>
{
    if (Postgres(parse, "bench/run-people") is not { } postgres) return 2;

    var sizes = parse.GetValue(peopleSizes)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
    return await WriteAsync(await new PeopleSearch(postgres, parse.GetValue(peopleQueries)).RunAsync(sizes), parse.GetValue(peopleOut), "person-search", ct);
});
root.Subcommands.Add(peopleSearch);
var referralClients = new Option<string>("--clients") { Description = "Comma-separated numbers of concurrent clients.", DefaultValueFactory = _ => "16,64" };
var referralSeconds = new Option<int>("--seconds") { Description = "Seconds measured per run (after 10 s of warm-up).", DefaultValueFactory = _ => 30 };
var referralOut = new Option<string?>("--out") { Description = "Markdown file for the results (default: bench/results/referral-transitions-DATE.md)." };
var referrals = new Command("referrals", "Durable referral transitions per second on SQLite and PostgreSQL beside pgbench.") { referralClients, referralSeconds, postgresOption, referralOut };
referrals.SetAction(async (parse, ct) =>
{
    if (Postgres(parse, "bench/run-referrals") is not { } postgres) return 2;

    var clients = parse.GetValue(referralClients)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
    return await WriteAsync(await new ReferralTransitions(postgres, clients, TimeSpan.FromSeconds(parse.GetValue(referralSeconds))).RunAsync(), parse.GetValue(referralOut), "referral-transitions", ct);
});
root.Subcommands.Add(referrals);
return await root.Parse(args).InvokeAsync();

string? Postgres(ParseResult parse, string script)
{
    var postgres = parse.GetValue(postgresOption) ?? Environment.GetEnvironmentVariable("BRAID_BENCH_POSTGRES");
    if (!string.IsNullOrEmpty(postgres)) return postgres;
    Console.Error.WriteLine($"Give --postgres or BRAID_BENCH_POSTGRES ({script} starts a throw-away server).");
    return null;
}

static async Task<int> WriteAsync(string report, string? outPath, string name, CancellationToken ct)
{
    outPath ??= Path.Combine(RepoPaths.Root, "bench", "results", $"{name}-{DateTime.UtcNow:yyyy-MM-dd}.md");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
    await File.WriteAllTextAsync(outPath, report, ct);
    Console.WriteLine(report);
    Console.WriteLine("Written to " + outPath);
    return 0;
}

/// <summary>Runs every phase for every size and writes the results table.</summary>
internal sealed class Benchmark(string postgres, int queryCount)
{
    private const string Community = "bench";
    // A Wednesday mid-afternoon in Baltimore, so "open now" has a realistic share of open listings.
    private static readonly DateTimeOffset At = new(2026, 11, 18, 15, 0, 0, TimeSpan.FromHours(-5));
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(RegionData.Baltimore.TimeZone);
    private readonly StringBuilder _rows = new();
    private readonly StringBuilder _kinds = new();
    private readonly List<string> _notes = [];

    public async Task<string> RunAsync(IReadOnlyList<int> sizes)
    {
        var commit = Machine.Commit(); // before the run: what was built and measured
        var queries = BenchQueries.Create(RegionData.Baltimore, queryCount, At);
        await using var pg = NpgsqlDataSource.Create(postgres);
        string pgVersion;
        await using (var cmd = pg.CreateCommand("SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version()"))
        {
            await using (var ext = pg.CreateCommand("CREATE EXTENSION IF NOT EXISTS postgis")) await ext.ExecuteNonQueryAsync();
            pgVersion = (string)(await cmd.ExecuteScalarAsync())!;
        }

        foreach (var size in sizes)
        {
            await RunSizeAsync(size, queries, pg);
        }

        var kinds = queries.GroupBy(q => q.Kind).Select(g => $"{g.Key} {100.0 * g.Count() / queries.Count:F0}%");
        return $"""
            # Directory search benchmark

            - Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            - Commit: {commit}
            - Machine: {Machine.Describe()}
            - Peer: PostgreSQL {pgVersion} on the same machine (GiST on the geography point; GIN on taxonomy codes, languages and a weighted tsvector)
            - Data: the seeded demo community (`braid demo --services N`) on Baltimore City's census tracts; one listing per service at a location
            - Queries: {queries.Count} seeded navigator searches, page 1 of 20, "open now" at {At:yyyy-MM-dd HH:mm zzz}: {string.Join(", ", kinds)}
            - Method: each query runs once to warm up, then once timed, one at a time. Latency percentiles are nearest-rank.
              HTTP is `GET /api/directory/search` on Braid.Web (Release, its own process) from one client over loopback;
              RSS is that server's resident memory after the timed pass, with its peak (VmHWM) during loading.
              "Agree" counts queries where the peer returned the same total and the same first page as the index.

            | services | listings | engine | p50 ms | p99 ms | max ms | queries/s | memory | load | agree |
            |---:|---:|---|---:|---:|---:|---:|---|---|---|
            {_rows.ToString().TrimEnd()}

            ## By kind of query (in process and PostGIS, p99 ms)

            | services | kind | Braid p50 | Braid p99 | PostGIS p50 | PostGIS p99 |
            |---:|---|---:|---:|---:|---:|
            {_kinds.ToString().TrimEnd()}

            {string.Join("\n", _notes.Select(n => "- " + n))}

            Re-run with `bench/run` (see the README's Benchmarks section).
            """;
    }

    private async Task RunSizeAsync(int size, IReadOnlyList<BenchQuery> queries, NpgsqlDataSource pg)
    {
        Console.Error.WriteLine($"== {size:N0} services");
        var sqlitePath = Path.Combine(Path.GetTempPath(), $"braid-bench-{size}-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={sqlitePath}";
        List<DirectoryEntry> entries;
        {
            var data = new DemoCommunityGenerator(RegionData.Baltimore).Generate(size, new DateOnly(2026, 11, 1), Community);
            entries = [.. DirectoryEntryBuilder.Build(data, _zone)];
            Console.Error.WriteLine($"  writing {data.TotalCount:N0} HSDS records to SQLite");
            await using var db = DatabaseOptions.CreateContext(connectionString);
            await Migrator.MigrateAsync(db);
            var store = new DirectoryStore(db);
            await store.EnsureCommunityAsync(Community, RegionData.Baltimore.Name, RegionData.Baltimore.TimeZone);
            await store.WriteAsync(Community, HsdsDatasetOrder.ParentsFirst(data));
        }

        try
        {
            // In process.
            var build = Stopwatch.StartNew();
            var index = new DirectoryIndex(entries);
            build.Stop();
            Func<BenchQuery, Task> braid = q => { index.Search(q.Query); return Task.CompletedTask; };
            var inProcess = await Latency.MeasureAsync(queries, braid);
            Row(size, index.Count, "Braid, in process", inProcess, "", $"index built in {build.Elapsed.TotalSeconds:F1} s", "");

            // PostGIS.
            Console.Error.WriteLine("  loading PostGIS");
            var peer = new PostgisPeer(pg, _zone);
            var load = await peer.LoadAsync(entries);
            var agree = 0;
            foreach (var q in queries)
            {
                var expected = index.Search(q.Query);
                var (total, ids) = await peer.SearchAsync(q.Query);
                if (total == expected.TotalItems && ids.SequenceEqual(expected.Hits.Select(h => h.Entry.ServiceAtLocationId))) agree++;
            }

            var postgis = await Latency.MeasureAsync(queries, q => peer.SearchAsync(q.Query));
            Row(size, index.Count, "PostgreSQL + PostGIS", postgis, "", $"COPY + indexes {load.TotalSeconds:F1} s", $"{agree}/{queries.Count}");
            foreach (var kind in queries.GroupBy(q => q.Kind))
            {
                var mine = await Latency.MeasureAsync(kind.ToList(), braid);
                var theirs = await Latency.MeasureAsync(kind.ToList(), q => peer.SearchAsync(q.Query));
                _kinds.AppendLine(CultureInfo.InvariantCulture, $"| {size:N0} | {kind.Key} | {mine.P50Ms:F2} | {mine.P99Ms:F2} | {theirs.P50Ms:F2} | {theirs.P99Ms:F2} |");
            }

            _notes.Add($"{size:N0} services: Braid in process answers {inProcess.QueriesPerSecond / postgis.QueriesPerSecond:F1}× the queries per second of PostGIS.");

            // Over HTTP, from the SQLite database the web app loads at start.
            Console.Error.WriteLine("  starting Braid.Web");
            await using var server = await WebAppProcess.StartAsync(
                ["--ConnectionStrings:Braid=" + connectionString, "--Braid:Community=" + Community, "--Braid:SeedDemo=false",
                 "--Braid:ClockStartsAt=" + At.ToString("O", CultureInfo.InvariantCulture), "--Logging:LogLevel:Default=Warning", "--environment=Production"],
                TimeSpan.FromMinutes(5), line => Console.Error.WriteLine("  [web] " + line));
            using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(30) };
            var firstLoad = Stopwatch.StartNew();
            (await http.GetAsync("/api/directory/search?per_page=1")).EnsureSuccessStatusCode();
            firstLoad.Stop();
            var agreeHttp = 0;
            foreach (var q in queries.Take(200))
            {
                using var json = JsonDocument.Parse(await http.GetStringAsync(Url(q)));
                if (json.RootElement.GetProperty("totalItems").GetInt32() == index.Search(q.Query).TotalItems) agreeHttp++;
            }

            var overHttp = await Latency.MeasureAsync(queries, async q => (await http.GetAsync(Url(q))).EnsureSuccessStatusCode());
            var (rss, peak) = server.Memory();
            Row(size, index.Count, "Braid, HTTP", overHttp, $"RSS {rss:F0} MiB (peak {peak:F0})", $"first search {firstLoad.Elapsed.TotalSeconds:F1} s", $"{agreeHttp}/200 totals");
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(sqlitePath)!, Path.GetFileName(sqlitePath) + "*")) File.Delete(f);
        }
    }

    private void Row(int size, int listings, string engine, Latency l, string memory, string load, string agree) =>
        _rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {size:N0} | {(listings > 0 ? listings.ToString("N0", CultureInfo.InvariantCulture) : "")} | {engine} | {l.P50Ms:F2} | {l.P99Ms:F2} | {l.MaxMs:F2} | {l.QueriesPerSecond:N0} | {memory} | {load} | {agree} |");

    private static string Url(BenchQuery q)
    {
        var s = q.Query;
        var parts = new List<string> { "zip=" + q.Zip, "per_page=" + s.PerPage };
        if (s.Need is { } need) parts.Add("need=" + need);
        if (s.RadiusKm is { } r) parts.Add("radius_km=" + r.ToString(CultureInfo.InvariantCulture));
        if (s.Language is { } language) parts.Add("language=" + language);
        if (s.OpenNow) parts.Add("open_now=true");
        if (s.Text is { } text) parts.Add("q=" + Uri.EscapeDataString(text));
        return "/api/directory/search?" + string.Join("&", parts);
    }
}
