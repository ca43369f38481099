using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Braid.Application;
using Braid.Application.Referrals;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Data.Migrations;
using Braid.Data.Outbox;
using Braid.Data.People;
using Braid.Data.Referrals;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Braid.Bench;

/// <summary>
/// Durable referral transitions per second (each one the referral's event, its current state, the
/// audit event and the person's notice in the outbox, committed together) from many concurrent
/// clients, on SQLite and PostgreSQL, beside pgbench's TPC-B-like transactions on the same server.
/// </summary>
internal sealed partial class ReferralTransitions(string postgres, IReadOnlyList<int> clients, TimeSpan duration)
{
    private const string CommunityName = "bench";
    private static readonly OrganizationId Clinic = new("bench-clinic"), Pantry = new("bench-pantry");
    private static readonly Actor Worker = Actor.User("bench-cbo", new CommunityId(CommunityName), [new Membership(Pantry, Roles.CboStaff)]);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly PublicSite Site = new(new Uri("http://localhost:5080"));
    private const int ReferralsPerClient = 40;

    public async Task<string> RunAsync()
    {
        var rows = new List<string>();
        var pgName = $"braid_referrals_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(postgres))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {pgName}_pgbench", admin).ExecuteNonQueryAsync();
        }

        var engines = new (string Name, string Connection)[]
        {
            ("PostgreSQL", new NpgsqlConnectionStringBuilder(postgres) { Database = pgName, MaxPoolSize = 200 }.ConnectionString),
            ("SQLite", $"Data Source={Path.Combine(Path.GetTempPath(), $"braid-referrals-{Guid.NewGuid():N}.db")}"),
        };
        var peer = new NpgsqlConnectionStringBuilder(postgres) { Database = pgName + "_pgbench" };
        await PgbenchAsync(peer, ["-i", "-q", "-s", clients.Max().ToString(CultureInfo.InvariantCulture)]);
        foreach (var count in clients)
        {
            var pgbench = await PgbenchAsync(peer, ["-n", "-c", Text(count), "-j", Text(Math.Min(count, Environment.ProcessorCount)), "-T", Text((int)duration.TotalSeconds)]);
            rows.Add($"| {count} | PostgreSQL | pgbench TPC-B-like (peer) | {Tps().Match(pgbench).Groups[1].Value} | {AverageLatency().Match(pgbench).Groups[1].Value} (average) | – | – |");
            Console.Error.WriteLine(rows[^1]);
            foreach (var (name, connection) in engines)
            {
                rows.Add(await MeasureAsync(name, connection, count));
                Console.Error.WriteLine(rows[^1]);
            }
        }

        return $"""
            # Durable referral transitions beside pgbench

            - Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            - Commit: {Machine.Commit()}
            - Machine: {Machine.Describe()}
            - Braid: `WorkReferral.MoveAsync` as a CBO worker, in process, one `DbContext` per client; each transition reads the referral's events,
              checks the workflow and the worker's side, and commits in one transaction the new event, the referral's current state (optimistic
              version check), the audit event (hash-chained) and, for a status the person hears of, their notice in the outbox. Each client works
              its own {ReferralsPerClient} referrals: accept, then in progress and on hold (with a note) in turn. {WarmUp.TotalSeconds:F0} s of warm-up, then {duration.TotalSeconds:F0} s measured.
            - Peer: `pgbench` (TPC-B-like, scale {clients.Max()}, `-c N -j min(N, cores) -T {duration.TotalSeconds:F0}`) on the same PostgreSQL 15 server, in the same run; its latency is the average it prints.
            - Target: Braid ≥ 70 % of pgbench's transactions per second at 16 clients on PostgreSQL; p99 at 64 clients reported.

            | clients | engine | workload | transactions/s | p50 ms | p99 ms | errors |
            |---:|---|---|---:|---:|---:|---:|
            {string.Join("\n", rows)}
            """;
    }

    private async Task<string> MeasureAsync(string engine, string connection, int count)
    {
        (connection, var referrals) = await LoadAsync(connection, count);
        var latencies = new ConcurrentBag<double>();
        var (errors, failures) = (0, 0);
        var measuring = false;
        var total = Stopwatch.StartNew();
        var end = WarmUp + duration;
        var measuredFrom = TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, count).Select(client => Task.Run(async () =>
        {
            var mine = referrals[client];
            var step = 0;
            while (total.Elapsed < end)
            {
                var id = mine[step % mine.Count];
                var round = step / mine.Count;
                step++;
                var to = round == 0 ? ReferralStatus.Accepted : round % 2 == 1 ? ReferralStatus.InProgress : ReferralStatus.OnHold;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await using var db = DatabaseOptions.CreateContext(connection);
                    var context = new UseCaseContext(new BenchCaller(Worker), db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
                    var (people, referrals) = (new PeopleStore(db), new ReferralStore(db));
                    await new WorkReferral(context, referrals, people, new ReferralNotices(context, new OutboxStore(db), people, referrals, Site))
                        .MoveAsync(id, to, note: to == ReferralStatus.OnHold ? "waiting for the next delivery" : null);
                }
                catch (Exception e) when (e is ConcurrentChangeException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
                {
                    // The same transition is tried again, so a referral never falls behind its client's script; the first error of a run is shown.
                    step--;
                    if (Interlocked.Increment(ref failures) == 1) Console.Error.WriteLine($"{engine}, {count} clients: {e.GetType().Name}: {e.GetBaseException().Message}");
                    if (measuring) Interlocked.Increment(ref errors);
                    continue;
                }

                if (!measuring && total.Elapsed >= WarmUp)
                {
                    measuring = true;
                    measuredFrom = total.Elapsed;
                }

                if (measuring) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var sorted = latencies.Order().ToArray();
        var seconds = (total.Elapsed - measuredFrom).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {count} | {engine} | Braid referral transition | {sorted.Length / seconds:F0} | {Percentile(sorted, 0.5):F1} | {Percentile(sorted, 0.99):F1} | {errors} |");
    }

    /// <summary>A fresh database of the engine (its connection string) with one person, need and requested referral per client and slot.</summary>
    private static async Task<(string Connection, List<List<ReferralId>> Referrals)> LoadAsync(string connection, int clients)
    {
        if (connection.StartsWith("Data Source", StringComparison.Ordinal)) connection = connection.Replace(".db", $"-{clients}.db", StringComparison.Ordinal);
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(connection);
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            builder.Database += "_" + clients;
            await new NpgsqlCommand($"CREATE DATABASE {builder.Database}", admin).ExecuteNonQueryAsync();
            connection = builder.ConnectionString;
        }

        await using var db = DatabaseOptions.CreateContext(connection);
        await Migrator.MigrateAsync(db);
        await db.Communities.AddAsync(new Community { Id = CommunityName, Name = "Bench", TimeZone = "America/New_York", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var community = new CommunityId(CommunityName);
        var all = new List<List<ReferralId>>();
        var people = new List<Person>();
        var needs = new List<Need>();
        var sent = new List<Referral>();
        for (var c = 0; c < clients; c++)
        {
            var mine = new List<ReferralId>();
            for (var r = 0; r < ReferralsPerClient; r++)
            {
                var person = new Person
                {
                    Id = new PersonId($"person-{c}-{r}"), RegisteredBy = Clinic, GivenName = "Bench", FamilyName = $"Person {c}-{r}", Email = $"p{c}-{r}@example.org",
                    PreferredChannel = ContactChannel.Email, Language = r % 3 == 0 ? "es" : "en",
                };
                var need = new Need { Id = $"need-{c}-{r}", Person = person.Id, Category = "food-insecurity", RecordedAt = now }.Accept();
                var referral = Referral.Send(new ReferralId($"referral-{c}-{r}"), new ReferralDetails
                {
                    Person = person.Id, Need = need.Id, NeedCategory = need.Category, Kind = ReferralKind.Direct, From = Clinic, To = Pantry, ServiceName = "Food pantry",
                    Shared = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity },
                }, new Stamp("bench-navigator", Clinic, now, "bench"));
                people.Add(person);
                needs.Add(need);
                sent.Add(referral);
                mine.Add(referral.Id);
            }

            all.Add(mine);
        }

        await new PeopleStore(db).AddPopulationAsync(community, new DemoPopulation(people, [], needs, [], []), now);
        var store = new ReferralStore(db);
        foreach (var referral in sent) await store.AddAsync(community, referral);
        if (!connection.StartsWith("Data Source", StringComparison.Ordinal)) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        return (connection, all);
    }

    private static async Task<string> PgbenchAsync(NpgsqlConnectionStringBuilder server, string[] arguments)
    {
        var start = new ProcessStartInfo("pgbench", [.. arguments, server.Database!]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PGHOST"] = server.Host;
        start.Environment["PGPORT"] = server.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = server.Username;
        if (server.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench {string.Join(' ', arguments)} failed: {await error}");
        return await output + await error;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex AverageLatency();
}
