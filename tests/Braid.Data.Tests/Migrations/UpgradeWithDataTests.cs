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
/// An installation one schema version behind, with rows in every one of its tables, upgrades to
/// the latest: every row reads back as it was (compared as the database returns it, not through
/// Braid's models) and the audit chain still verifies and goes on.
/// </summary>
public sealed class UpgradeWithDataTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_the_previous_version_with_rows_in_every_table_When_migrating_Then_every_row_and_the_audit_chain_survive(string provider)
    {
        var cs = await TestDatabases.CreateEmptyAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var latest = Migrator.For(DatabaseOptions.ProviderOf(cs)).Max(m => m.Version);
        await Migrator.MigrateAsync(db, targetVersion: latest - 1);
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

        foreach (var table in tables)
        {
            Assert.Equal(before[table], await RowsAsync(db, table));
        }

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
            await new DirectoryStore(db).EnsureCommunityAsync("demo", "Demo", "America/New_York");
            db.AddRange(HsdsDatasetOrder.ParentsFirst(await scratch.LoadAsync("demo")));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO import_runs (community_id, id, source, format, started_at, records_written, errors) VALUES ('demo', 'run-1', 'examples/csv', {import.Format}, '2026-11-22T10:00:00Z', {import.Written}, 0)");
        }

        var user = new BraidUser { Id = "u1", UserName = "ana@example.org", NormalizedUserName = "ANA@EXAMPLE.ORG", Email = "ana@example.org", NormalizedEmail = "ANA@EXAMPLE.ORG", DisplayName = "Ana", SecurityStamp = "stamp" };
        db.Users.Add(user);
        db.UserClaims.Add(new IdentityUserClaim<string> { UserId = "u1", ClaimType = "purpose", ClaimValue = "test" });
        db.UserLogins.Add(new IdentityUserLogin<string> { UserId = "u1", LoginProvider = "oidc", ProviderKey = "ana", ProviderDisplayName = "OIDC" });
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = "u1", LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "JBSWY3DPEHPK3PXP" });
        await db.SaveChangesAsync(); // the user first: memberships refer to it
        var organization = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
        db.Memberships.Add(new MembershipRow { CommunityId = "demo", UserId = "u1", OrganizationId = organization, Role = "org-admin", CreatedAt = "2026-11-22" });
        db.ListingClaims.Add(new ListingClaimRow { CommunityId = "demo", OrganizationId = organization, Status = "approved", RequestedBy = "user:u1", RequestedAt = "2026-11-22T10:00:00Z", DecidedBy = "user:admin", DecidedAt = "2026-11-23T09:00:00Z" });
        db.ListingVersions.Add(new ListingVersionRow { CommunityId = "demo", Id = Guid.NewGuid().ToString(), ServiceId = "ac148810-d857-441c-9679-408f346de14b", OrganizationId = organization, At = "2026-11-23T10:00:00Z", Actor = "user:u1", Action = "edit", Changes = "[{\"Field\":\"name\",\"Before\":\"a\",\"After\":\"b\"}]" });
        if (tables.Contains("context_tracts"))
        {
            db.ContextTracts.Add(new ContextTractRow { CommunityId = "demo", Geoid = "24510120100", County = "24510", TractValues = "{\"holc_grade\":\"D\"}", UpdatedAt = "2026-11-22T10:00:00Z" });
            db.ContextSources.Add(new ContextSourceRow { CommunityId = "demo", Id = Guid.NewGuid().ToString(), File = "holc.csv", Citation = "Mapping Inequality", Columns = "holc_grade", Tracts = 1, ImportedAt = "2026-11-22T10:00:00Z", ImportedBy = "cli" });
        }

        await db.SaveChangesAsync();
        var clients = new ApiClientStore(db, TimeProvider.System);
        var (client, secret) = await clients.CreateAsync("demo", organization, "EHR", ["directory.read"], "user:u1");
        Assert.Null((await clients.IssueTokenAsync("demo", client.Id, secret, null)).Error);
        var audit = new AuditLog(db, TimeProvider.System);
        for (var i = 1; i <= 3; i++) await audit.AppendAsync(new AuditEntry("demo", "user:u1", "directory.edit", "succeeded", organization, $"service:{i}"));
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
    private static async Task<List<string>> RowsAsync(BraidDbContext db, string table)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = $"SELECT * FROM {table}";
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

    private static string Text(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
}
