using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Data.Directory;
using Braid.Data.Region;
using Braid.Testing;

namespace Braid.Data.Tests.Directory;

public sealed class DirectoryStoreTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Written_directory_loads_back_field_by_field_and_rewriting_updates_in_place(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync("demo", "Demo", "America/New_York");
        var data = new DemoCommunityGenerator(RegionData.Baltimore).Generate(60, new DateOnly(2026, 11, 1), "demo");

        await store.WriteAsync("demo", HsdsDatasetOrder.ParentsFirst(data));
        await store.WriteAsync("demo", HsdsDatasetOrder.ParentsFirst(data)); // again: same ids, no duplicates
        var loaded = await store.LoadAsync("demo");

        foreach (var table in HsdsModel.Tables)
        {
            Assert.Equal(data.Count(table), loaded.Count(table));
            foreach (var record in data.Rows(table))
            {
                var other = loaded.Find(table, record.Id);
                Assert.NotNull(other);
                foreach (var field in table.Fields) Assert.Equal(field.GetText(record), field.GetText(other));
            }
        }

        Assert.Equal(2, await store.DirectoryVersionAsync("demo"));
        Assert.Equal(0, (await store.CountsAsync("other"))["service"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_failing_write_leaves_nothing_behind(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync("demo", "Demo", "America/New_York");
        IEnumerable<HsdsRecord> Records()
        {
            yield return new Organization { Id = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", Name = "A", Description = "a" };
            throw new IOException("disk went away");
        }

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync("demo", Records()));
        Assert.All((await store.CountsAsync("demo")).Values, n => Assert.Equal(0, n));
        Assert.Equal(0, await store.DirectoryVersionAsync("demo"));
    }
}
