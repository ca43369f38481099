using System.Data.Common;
using System.Globalization;
using Braid.Core.Audit;
using Braid.Core.Directory.Hsds;
using Braid.Data.Access;
using Braid.Data.Audit;
using Braid.Data.Equity;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Data.Migrations;
using Braid.Interop.Hsds;
using Braid.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Braid.Data.Tests.Migrations;

/// <summary>
/// An installation at an earlier schema version, with rows in every one of its tables, upgrades to
/// the latest: every row reads back as it was (compared as the database returns it, not through
/// Braid's models) and the audit chain still verifies and goes on.
/// </summary>
public sealed class UpgradeWithDataTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    /// <summary>
    /// The version the rows are written at: the last one that stored times as text, so the upgrade
    /// runs every migration since, the conversion of times (0011) among them.
    /// </summary>
    private const int Previous = 10;

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_the_previous_version_with_rows_in_every_table_When_migrating_Then_every_row_and_the_audit_chain_survive(string provider)
    {
        var cs = await TestDatabases.CreateEmptyAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        await Migrator.MigrateAsync(db, targetVersion: Previous);
        var tables = await TablesAsync(db);
        await FillAsync(db, tables);

        var empty = new List<string>();
        var before = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            before[table] = await RowsAsync(db, table);
            if (before[table].Count == 0) empty.Add(table);
        }

        Assert.True(empty.Count == 0, "the test leaves these tables empty, so it would not see their rows lost: " + string.Join(", ", empty));

        Assert.NotEmpty(await Migrator.MigrateAsync(db));

        // Over the columns the previous version had: a column the upgrade adds is new, not lost. The
        // one chain's head (audit_head) became the head of lane 1 (0019).
        foreach (var table in tables.Where(t => t != "audit_head"))
        {
            Assert.Equal(before[table], await RowsAsync(db, table, Columns(before[table])));
        }

        static string[] Values(string row) => [.. row.Split('\u001f').Select(cell => cell[(cell.IndexOf('=') + 1)..])];
        Assert.Equal(Values(Assert.Single(before["audit_head"])), (await RowsAsync(db, "audit_lanes", ["lane", "events", "hash"])).Select(Values).Single(lane => lane[0] == "1"));

        var audit = new AuditLog(db, TimeProvider.System);
        Assert.True((await audit.VerifyAsync()).Intact);
        await audit.AppendAsync(new AuditEntry("demo", "cli", "test.after-upgrade", "succeeded"));
        var verified = await audit.VerifyAsync();
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(4, verified.Verified);
    }

    /// <summary>One or more rows in every table Braid has at this version, written as Braid writes them.</summary>
    private static async Task FillAsync(BraidDbContext db, IReadOnlyCollection<string> tables)
    {
        // The official examples fill every directory table. They are imported into a current database
        // and copied over through EF, which writes rows only: today's store also logs its writes to a
        // table the previous version does not have.
        await using (var current = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(db.Database.IsNpgsql() ? TestDatabases.Postgres : TestDatabases.Sqlite)))
        {
            var scratch = new DirectoryStore(current);
            await scratch.EnsureCommunityAsync("demo", "Demo", "America/New_York");
            var import = await new HsdsImporter(scratch).ImportAsync(Path.Combine(RepoPaths.HsdsExamples, "csv"), "demo");
            Assert.True(import.Committed, string.Join("\n", import.Issues));
            await db.Database.ExecuteSqlAsync($"INSERT INTO communities (id, name, time_zone, created_at) VALUES ('demo', 'Demo', 'America/New_York', '2026-11-21T08:00:00.0000000+00:00')");
            db.AddRange(HsdsDatasetOrder.ParentsFirst(await scratch.LoadAsync("demo")));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO import_runs (community_id, id, source, format, started_at, records_written, errors) VALUES ('demo', 'run-1', 'examples/csv', {import.Format}, '2026-11-22T10:00:00Z', {import.Written}, 0)");
        }

        // The rest as the previous version stored it: times as ISO 8601 text, some with an offset.
        var organization = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, phone_number_confirmed, two_factor_enabled, lockout_end, lockout_enabled, access_failed_count, display_name)
            VALUES ('u1', 'ana@example.org', 'ANA@EXAMPLE.ORG', 'ana@example.org', 'ANA@EXAMPLE.ORG', TRUE, 'stamp', FALSE, FALSE, '2026-11-22 10:15:00.5+00:00', TRUE, 3, 'Ana')
            """);
        db.UserClaims.Add(new IdentityUserClaim<string> { UserId = "u1", ClaimType = "purpose", ClaimValue = "test" });
        db.UserLogins.Add(new IdentityUserLogin<string> { UserId = "u1", LoginProvider = "oidc", ProviderKey = "ana", ProviderDisplayName = "OIDC" });
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = "u1", LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "JBSWY3DPEHPK3PXP" });
        await db.SaveChangesAsync();
        string[] rows =
        [
            $"INSERT INTO memberships (community_id, user_id, organization_id, role, created_at) VALUES ('demo', 'u1', '{organization}', 'org-admin', '2026-11-22T10:00:00.1234567+00:00')",
            $"INSERT INTO listing_claims (community_id, organization_id, status, requested_by, requested_at, decided_by, decided_at) VALUES ('demo', '{organization}', 'approved', 'user:u1', '2026-11-22T10:00:00Z', 'user:admin', '2026-11-23T11:00:00+02:00')",
            $"INSERT INTO listing_versions (community_id, id, service_id, organization_id, at, actor, action, changes) VALUES ('demo', 'v1', 'ac148810-d857-441c-9679-408f346de14b', '{organization}', '2026-11-23T10:00:00.0000000+00:00', 'user:u1', 'edit', '[{{\"Field\":\"name\",\"Before\":\"a\",\"After\":\"b\"}}]')",
            $"INSERT INTO api_clients (community_id, id, organization_id, name, scopes, secret_hash, secret_created_at, created_at, created_by, revoked_at) VALUES ('demo', 'c1', '{organization}', 'EHR', 'directory.read', 'hash', '2026-11-22T10:00:00.9999999+00:00', '2026-11-22T09:59:00+00:00', 'user:u1', NULL)",
            $"INSERT INTO access_tokens (token_hash, community_id, client_id, organization_id, scopes, issued_at, expires_at, revoked_at) VALUES ('t1', 'demo', 'c1', '{organization}', 'directory.read', '2026-11-22T10:01:00+00:00', '2026-11-22T10:11:00+00:00', '2026-11-22T10:05:00-05:00')",
        ];
        if (tables.Contains("directory_changes")) rows = [.. rows, "INSERT INTO directory_changes (community_id, version, kind, id) VALUES ('demo', 1, 'service', 'ac148810-d857-441c-9679-408f346de14b')"];
        if (tables.Contains("context_tracts"))
        {
            rows =
            [
                .. rows,
                "INSERT INTO context_tracts (community_id, geoid, county, tract_values, updated_at) VALUES ('demo', '24510120100', '24510', '{\"holc_grade\":\"D\"}', '2026-11-22T10:00:00Z')",
                "INSERT INTO context_sources (community_id, id, file, citation, columns, tracts, imported_at, imported_by) VALUES ('demo', 's1', 'holc.csv', 'Mapping Inequality', 'holc_grade', 1, '2026-11-22T10:00:00Z', 'cli')",
            ];
        }

        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var row in rows)
            {
                await using var insert = db.Database.GetDbConnection().CreateCommand();
                insert.CommandText = row;
                await insert.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // The audit trail as that version wrote it: one chain, its head in audit_head.
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= 3; i++)
        {
            var e = AuditChain.Next(i, new DateTimeOffset(2026, 11, 22, 10, i, 0, TimeSpan.Zero), new AuditEntry("demo", "user:u1", "directory.edit", "succeeded", organization, $"service:{i}"), previous, 1, i);
            var at = AuditChain.FormatTime(e.At);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO audit_events (seq, at, community_id, actor, action, outcome, organization_id, target, client_address, purpose, previous_hash, hash)
                VALUES ({e.Seq}, {at}, {e.Entry.CommunityId}, {e.Entry.Actor}, {e.Entry.Action}, {e.Entry.Outcome}, {e.Entry.OrganizationId}, {e.Entry.Target}, NULL, NULL, {e.PreviousHash}, {e.Hash})
                """);
            previous = e.Hash;
        }

        await db.Database.ExecuteSqlAsync($"UPDATE audit_head SET seq = 3, hash = {previous} WHERE id = 1");
    }

    private static async Task<List<string>> TablesAsync(BraidDbContext db)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var names = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return [.. names.Where(n => n != "schema_migrations").Order(StringComparer.Ordinal)];
    }

    /// <summary>Every row as the database gives it back, each column as invariant text, in a stable order.</summary>
    private static async Task<List<string>> RowsAsync(BraidDbContext db, string table, IReadOnlyList<string>? columns = null)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = $"SELECT {(columns is null ? "*" : string.Join(", ", columns))} FROM {table}";
            await using var reader = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Text(reader, i)}")));
            }

            rows.Sort(StringComparer.Ordinal);
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The column names of rows as <see cref="RowsAsync"/> writes them.</summary>
    private static List<string> Columns(List<string> rows) => [.. rows[0].Split('\u001f').Select(c => c[..c.IndexOf('=')])];

    /// <summary>A column as invariant text; a time (text before the upgrade, typed after it) as its UTC instant to the microsecond.</summary>
    private static string Text(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i)) return "∅";
        var value = reader.GetValue(i);
        if (!TimeColumns.Contains(reader.GetName(i))) return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var instant = value switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            DateTimeOffset at => at,
            _ => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        };
        // PostgreSQL keeps microseconds: 100-nanosecond digits round there.
        return new DateTime((instant.UtcTicks + 5) / 10 * 10, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static readonly HashSet<string> TimeColumns =
        ["created_at", "lockout_end", "secret_created_at", "revoked_at", "issued_at", "expires_at", "requested_at", "decided_at", "at", "updated_at", "imported_at"];
}
