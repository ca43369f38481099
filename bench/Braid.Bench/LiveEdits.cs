using System.Diagnostics;
using System.Globalization;
using Braid.Application.Directory;
using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Migrations;
using Braid.Data.Region;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Braid.Bench;

/// <summary>
/// Edits while navigators search: one loop searches without pause through the server's own search
/// path (<see cref="SearchDirectory"/>, which patches its live index from the change log), while
/// another connection, as a second process would, renames services one after another. It measures
/// how long each edit takes to be found by search, and the longest any search waited meanwhile;
/// beside it, what the previous design did on every edit: rebuild the index from the database.
/// </summary>
internal sealed class LiveEdits(int edits)
{
    private const string Community = "bench";

    public async Task<string> RunAsync(IReadOnlyList<int> sizes)
    {
        var commit = Machine.Commit();
        var rows = new List<string>();
        foreach (var size in sizes) rows.Add(await RunSizeAsync(size));
        return $"""
            # In-place index updates: an edit reaches search while searches go on

            - Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            - Commit: {commit}
            - Machine: {Machine.Describe()}
            - Data: the seeded demo community on Baltimore City's census tracts, in SQLite (the embedded default)
            - Method: one loop runs the navigator query mix through `SearchDirectory.CurrentAsync` + search, back to back, as the
              server does per request; a second connection renames one service at a time ({edits} edits, 100 ms apart, after one unmeasured warm-up edit) as another
              process (`braid import`, a second server) would. "Visible" is from the edit's commit to the first search that returns
              the new name. Each query is first timed alone with nothing changing (best of two runs): "slowest query alone" is
              what the broadest query of the mix costs anyway. A search's "delay" is its time while the edits are applied less
              that query's time alone: the pause the edits caused it (the in-place update runs in the background, on the
              machine's other core); "longest delay" is the largest, "of it GC" the time the runtime spent paused for garbage
              collection during that search, and "GCs" the collections while the edits were applied. Targets at 1,000,000
              services: visible within 1 s, no search paused longer than 50 ms.
            - Before: the server rebuilt the whole index on every directory change (loading every HSDS table) and forced a full GC;
              "rebuild" is that cost, measured here on the same database.

            | services | listings | edits | visible p50 ms | visible max ms | searches | search p99 ms | longest search ms | slowest query alone ms | longest delay ms | of it GC ms | GCs gen 0 / 1 / 2 | rebuild (before) s |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            {string.Join("\n", rows)}
            """;
    }

    private async Task<string> RunSizeAsync(int size)
    {
        Console.Error.WriteLine($"== {size:N0} services");
        var path = Path.Combine(Path.GetTempPath(), $"braid-live-{size}-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path}";
        try
        {
            List<(Service Service, string Sal)> targets;
            await using (var db = DatabaseOptions.CreateContext(connectionString))
            {
                await Migrator.MigrateAsync(db);
                var store = new DirectoryStore(db);
                await store.EnsureCommunityAsync(Community, RegionData.Baltimore.Name, RegionData.Baltimore.TimeZone);
                var data = new DemoCommunityGenerator(RegionData.Baltimore).Generate(size, new DateOnly(2026, 11, 1), Community);
                Console.Error.WriteLine($"  writing {data.TotalCount:N0} HSDS records");
                await store.WriteAsync(Community, HsdsDatasetOrder.ParentsFirst(data));
                var firstSal = data.All<ServiceAtLocation>().GroupBy(x => x.ServiceId!).ToDictionary(g => g.Key, g => g.First().Id);
                targets = [.. data.All<Service>().Where(s => s.Status == "active" && firstSal.ContainsKey(s.Id)).Take(edits + 1).Select(s => (s, firstSal[s.Id]))];
            }

            var provider = new ServiceCollection()
                .AddDbContext<BraidDbContext>(o => o.Use(connectionString))
                .AddSingleton(TimeProvider.System)
                .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
                .BuildServiceProvider();
            var search = ActivatorUtilities.CreateInstance<SearchDirectory>(provider, Community);
            Console.Error.WriteLine("  loading the index");
            var rebuild = Stopwatch.StartNew();
            var first = await search.CurrentAsync();
            rebuild.Stop();
            var queries = BenchQueries.Create(RegionData.Baltimore, 1000, DateTimeOffset.UtcNow);
            targets = [.. targets.Where(t => first.Index.Find(t.Sal) is not null)];

            // One edit first, not measured: the in-place path runs once before it is timed (JIT, caches).
            var (warm, warmSal) = targets[0];
            targets.RemoveAt(0);
            warm.Name = "Warm-up rename";
            await using (var writer = DatabaseOptions.CreateContext(connectionString)) await new DirectoryStore(writer).WriteAsync(Community, [warm]);
            while ((await search.CurrentAsync()).Index.Find(warmSal)?.ServiceName != warm.Name) await Task.Delay(50);

            // Each query's own time with nothing changing (the best of two runs), so that what an edit adds is told apart
            // from what a broad query costs anyway.
            var own = new double[queries.Count];
            for (var q = 0; q < own.Length; q++)
            {
                own[q] = double.MaxValue;
                for (var run = 0; run < 2; run++)
                {
                    var start = Stopwatch.GetTimestamp();
                    (await search.CurrentAsync()).Index.Search(queries[q].Query);
                    own[q] = Math.Min(own[q], Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            // The search loop: back to back, as many searches as it can, timing each.
            var pending = new System.Collections.Concurrent.ConcurrentDictionary<string, (string Name, long CommittedAt)>();
            var visible = new List<double>();
            var latencies = new List<(double Ms, double Excess, double GcMs)>(100_000);
            var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            using var stop = new CancellationTokenSource();
            var loop = Task.Run(async () =>
            {
                var i = 0;
                while (!stop.IsCancellationRequested)
                {
                    var paused = GC.GetTotalPauseDuration();
                    var start = Stopwatch.GetTimestamp();
                    var snapshot = await search.CurrentAsync();
                    var q = i++ % queries.Count;
                    snapshot.Index.Search(queries[q].Query);
                    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    latencies.Add((ms, ms - own[q], (GC.GetTotalPauseDuration() - paused).TotalMilliseconds));
                    foreach (var (sal, (name, at)) in pending)
                    {
                        if (snapshot.Index.Find(sal)?.ServiceName == name && pending.TryRemove(sal, out _)) visible.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    }
                }
            });

            await using (var writer = DatabaseOptions.CreateContext(connectionString))
            {
                var store = new DirectoryStore(writer);
                var n = 0;
                foreach (var (service, sal) in targets)
                {
                    service.Name = $"Renamed service {++n}";
                    await store.WriteAsync(Community, [service]);
                    pending[sal] = (service.Name, Stopwatch.GetTimestamp());
                    await Task.Delay(100);
                }
            }

            var deadline = Stopwatch.StartNew();
            while (!pending.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
            stop.Cancel();
            await loop;
            var gcs = string.Join(" / ", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collections[g]));
            if (!pending.IsEmpty) Console.Error.WriteLine($"  {pending.Count} edits never became visible");

            // What every change cost before: the whole index rebuilt from the database.
            rebuild.Restart();
            await using (var db = DatabaseOptions.CreateContext(connectionString))
            {
                var data = await new DirectoryStore(db).LoadAsync(Community);
                _ = new Braid.Core.Directory.Search.DirectoryIndex(Braid.Core.Directory.Search.DirectoryEntryBuilder.Build(data, first.Zone));
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            rebuild.Stop();

            visible.Sort();
            var sorted = latencies.OrderBy(l => l.Ms).ToArray();
            var delayed = latencies.MaxBy(l => l.Excess);
            string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
            return $"| {size:N0} | {first.Index.Count:N0} | {visible.Count} of {targets.Count} | {F(visible[visible.Count / 2])} | {F(visible[^1])} | " +
                   $"{sorted.Length:N0} | {F(sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1].Ms)} | {F(sorted[^1].Ms)} | {F(own.Max())} | " +
                   $"{F(delayed.Excess)} | {F(delayed.GcMs)} | {gcs} | {rebuild.Elapsed.TotalSeconds:F1} |";
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")) File.Delete(f);
        }
    }
}
