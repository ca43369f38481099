using System.Globalization;
using System.Text;
using Braid.Application;
using Braid.Application.People;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Core.People;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Data.Migrations;
using Braid.Data.People;
using Braid.Data.Region;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Braid.Bench;

/// <summary>
/// Person search as a navigator uses it (<see cref="FindPeople"/>: blocking keys, scoring, the
/// consent check and the disclosure log written for every person listed) at sizes up to a million
/// people, on SQLite and PostgreSQL, side by side with PostgreSQL's pg_trgm trigram search over
/// the same names. Queries are real people's names, most with a typo, some with a date of birth.
/// </summary>
internal sealed class PeopleSearch(string postgres, int queryCount)
{
    private const string CommunityName = "bench";
    private const int Chunk = 50_000;

    private sealed record Query(string Name, DateOnly? BirthDate, string Target, string NameKey);

    public async Task<string> RunAsync(IReadOnlyList<int> sizes)
    {
        var rows = new List<string>();
        foreach (var size in sizes)
        {
            var sqlite = $"Data Source={Path.Combine(Path.GetTempPath(), $"braid-people-{size}-{Guid.NewGuid():N}.db")}";
            var pgName = $"braid_people_{size}_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(postgres))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE {pgName}", admin).ExecuteNonQueryAsync();
            }

            var pg = new NpgsqlConnectionStringBuilder(postgres) { Database = pgName }.ConnectionString;
            var (queries, clinics) = await LoadAsync(sqlite, size);
            await LoadAsync(pg, size);
            rows.Add(await MeasureBraidAsync(sqlite, "SQLite", size, queries, clinics));
            rows.Add(await MeasureBraidAsync(pg, "PostgreSQL", size, queries, clinics));
            rows.Add(await MeasureTrigramAsync(pg, size, queries));
            Console.Error.WriteLine(string.Join("\n", rows.TakeLast(3)));
        }

        return $"""
            # Person search: a navigator's lookup at up to a million people, beside pg_trgm

            - Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            - Commit: {Machine.Commit()}
            - Machine: {Machine.Describe()}
            - Data: generated demo people (Baltimore City's mix of races, homes in its tracts), in chunks of {Chunk:N0} with successive seeds, named from `NamePool` (80,000 family and 4,000 given names drawn by Zipf's law, the most common family name about 1 % of people, as in the U.S. census: the demo's own few dozen names cannot tell a million people apart); the same rows in SQLite (the embedded default) and PostgreSQL 15
            - Queries: {queryCount} real people's names: 60 % with one typo in the family name, 20 % exact, 20 % with a typo and the date of birth; run over and over for {Latency.WarmUp.TotalSeconds:F0} s to warm up (the JIT's background recompilation settles), then each timed once, one after another
            - Braid: `FindPeople.RunAsync` as a navigator of the registering clinics (Soundex and date-of-birth blocking in SQL, Jaro-Winkler scoring in process, the consent decision, and the disclosure rows and audit event written in the same transaction for the up to 25 people listed)
            - pg_trgm: `SELECT id FROM people WHERE community_id = $1 AND name_key % $2 ORDER BY name_key <-> $2 LIMIT 25` over a GIN `gin_trgm_ops` index on the folded "family given" key (similarity threshold 0.3); it reads only, writes no disclosure
            - PostgreSQL: `VACUUM ANALYZE` after the load, as autovacuum does after a bulk insert (it marks pages all-visible, so search reads its covering indexes alone)
            - "Found" is the share of queries whose person is among the results
            - Target: p99 ≤ 20 ms at 1,000,000 people

            | people | engine | method | p50 ms | p99 ms | max ms | queries/s | found |
            |---:|---|---|---:|---:|---:|---:|---:|
            {string.Join("\n", rows)}
            """;
    }

    private async Task<(List<Query> Queries, List<OrganizationId> Clinics)> LoadAsync(string connection, int size)
    {
        await using var db = DatabaseOptions.CreateContext(connection);
        await Migrator.MigrateAsync(db);
        await db.Communities.AddAsync(new Community { Id = CommunityName, Name = "Bench", TimeZone = "America/New_York", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        var region = RegionData.Baltimore;
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var directory = new DemoCommunityGenerator(region, 2026).Generate(100, DateOnly.FromDateTime(now.UtcDateTime), CommunityName);
        var store = new PeopleStore(db);
        var random = new Random(7);
        var names = new NamePool(2026);
        var queries = new List<Query>();
        for (var loaded = 0; loaded < size; loaded += Chunk)
        {
            var people = DemoPeople.Generate(region, directory, now, 2026 + loaded / Chunk, Math.Min(Chunk, size - loaded)).People
                .Select(p =>
                {
                    var (given, family) = names.Draw(random);
                    return p with { GivenName = given, FamilyName = family, PreferredName = null };
                }).ToList();
            await store.AddPopulationAsync(new CommunityId(CommunityName), new DemoPopulation(people, [], [], [], []), now);
            foreach (var person in people.Where(_ => random.NextDouble() < (double)queryCount / size * 1.2)) queries.Add(QueryFor(person, random));
            Console.Error.Write($"\r{connection.Split(';')[0]}: {Math.Min(loaded + Chunk, size):N0} people");
        }

        Console.Error.WriteLine();
        if (connection.StartsWith("Data Source", StringComparison.Ordinal)) await db.Database.ExecuteSqlRawAsync("ANALYZE");
        else
        {
            await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE INDEX ix_people_name_trgm ON people USING gin (name_key gin_trgm_ops)");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE people");
        }
        return ([.. queries.Take(queryCount)], [.. DemoPeople.OfSector(directory, "health-care").Take(4)]);
    }

    private static Query QueryFor(Person person, Random random)
    {
        var roll = random.NextDouble();
        var family = roll < 0.6 || roll >= 0.8 ? Typo(person.FamilyName!, random) : person.FamilyName!;
        var name = $"{person.GivenName} {family}";
        return new Query(name, roll >= 0.8 ? person.BirthDate : null, person.Id.Value, PersonMatching.NameKey(person.GivenName, family));
    }

    private static string Typo(string word, Random random)
    {
        if (word.Length < 4) return word;
        var i = random.Next(1, word.Length - 1);
        return random.Next(3) switch { 0 => word.Remove(i, 1), 1 => word[..i] + word[i + 1] + word[i] + word[(i + 2)..], _ => word[..i] + "aeiourstln"[random.Next(10)] + word[(i + 1)..] };
    }

    private async Task<string> MeasureBraidAsync(string connection, string engine, int size, List<Query> queries, List<OrganizationId> clinics)
    {
        await using var db = DatabaseOptions.CreateContext(connection);
        var navigator = Actor.User("bench-navigator", new CommunityId(CommunityName), [.. clinics.Select(c => new Membership(c, Roles.Navigator))]);
        var find = new FindPeople(new UseCaseContext(new BenchCaller(navigator), db, new AuditLog(db, TimeProvider.System), TimeProvider.System), new PeopleStore(db));
        var found = new HashSet<Query>(ReferenceEqualityComparer.Instance);
        var latency = await Latency.MeasureAsync(queries, async q =>
        {
            var results = await find.RunAsync(q.Name, q.BirthDate, null);
            db.ChangeTracker.Clear();
            if (results.Any(r => r.Id.Value == q.Target)) found.Add(q);
        });
        return Row(size, engine, "Braid FindPeople", latency, (double)found.Count / queries.Count);
    }

    private async Task<string> MeasureTrigramAsync(string connection, int size, List<Query> queries)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        var found = new HashSet<Query>(ReferenceEqualityComparer.Instance);
        var latency = await Latency.MeasureAsync(queries, async q =>
        {
            await using var cmd = source.CreateCommand("SELECT id FROM people WHERE community_id = $1 AND name_key % $2 ORDER BY name_key <-> $2 LIMIT 25");
            cmd.Parameters.AddWithValue(CommunityName);
            cmd.Parameters.AddWithValue(q.NameKey);
            await using var reader = await cmd.ExecuteReaderAsync();
            var hit = false;
            while (await reader.ReadAsync()) hit |= reader.GetString(0) == q.Target;
            if (hit) found.Add(q);
        });
        return Row(size, "PostgreSQL", "pg_trgm (peer)", latency, (double)found.Count / queries.Count);
    }

    private static string Row(int size, string engine, string method, Latency l, double found) =>
        string.Create(CultureInfo.InvariantCulture, $"| {size:N0} | {engine} | {method} | {l.P50Ms:F2} | {l.P99Ms:F2} | {l.MaxMs:F2} | {l.QueriesPerSecond:F0} | {found:P0} |");
}
