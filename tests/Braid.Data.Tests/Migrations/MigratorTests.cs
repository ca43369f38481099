using Braid.Data.Directory;
using Braid.Data.Migrations;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Data.Tests.Migrations;

public sealed class MigratorTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_a_version_1_database_with_data_When_migrating_Then_the_data_survives_and_version_2_objects_exist(string provider)
    {
        var cs = await TestDatabases.CreateEmptyAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        Assert.Equal([1], await Migrator.MigrateAsync(db, targetVersion: 1));
        await db.Database.ExecuteSqlRawAsync("INSERT INTO organizations (community_id, id, name, description) VALUES ('c', 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610', 'Kept', 'From v1')");

        var applied = await Migrator.MigrateAsync(db);

        Assert.Equal(Migrator.For(DatabaseOptions.ProviderOf(cs)).Select(m => m.Version).Where(v => v > 1), applied);
        Assert.Equal(applied.Max(), await Migrator.CurrentVersionAsync(db));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync("c", "Community", "America/New_York"); // a v2 table
        var data = await store.LoadAsync("c");
        Assert.Equal("Kept", Assert.Single(data.All<Core.Directory.Hsds.Organization>()).Name);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Migrating_twice_applies_nothing_the_second_time(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        Assert.Empty(await Migrator.MigrateAsync(db));
    }

    [Fact]
    public void Every_migration_exists_for_both_engines()
    {
        Assert.Equal(
            Migrator.For(DatabaseProvider.Sqlite).Select(m => (m.Version, m.Name)),
            Migrator.For(DatabaseProvider.PostgreSql).Select(m => (m.Version, m.Name)));
    }
}
