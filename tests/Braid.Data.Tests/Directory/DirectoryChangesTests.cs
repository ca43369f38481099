using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Search;
using Braid.Data.Directory;
using Braid.Data.Region;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Data.Tests.Directory;

/// <summary>The change log names exactly the listings a write touched, so the search index can be patched instead of rebuilt.</summary>
public sealed class DirectoryChangesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Each_write_names_the_listings_it_touched_through_any_record_they_are_built_from(string provider)
    {
        await using var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync("demo", "Demo", "America/New_York");
        var data = new DemoCommunityGenerator(RegionData.Baltimore).Generate(40, new DateOnly(2026, 11, 1), "demo");
        await store.WriteAsync("demo", HsdsDatasetOrder.ParentsFirst(data));
        var sals = data.All<ServiceAtLocation>().ToList();
        Assert.Equal(sals.Select(s => s.Id).Order(), (await store.ChangesSinceAsync("demo", 0))!.Touched.Order());

        // The sals each write should name, worked out from the generated data itself.
        HashSet<string> OfServices(IEnumerable<string> services) => [.. sals.Where(s => services.Contains(s.ServiceId)).Select(s => s.Id)];
        var language = data.All<Language>().First(l => l.ServiceId is not null);
        var organization = data.All<Organization>().First();
        var term = data.All<TaxonomyTerm>().First(t => data.All<HsdsAttribute>().Any(a => a.TaxonomyTermId == t.Id));
        var address = data.All<Address>().First();
        var cases = new (HsdsRecord Written, HashSet<string> Expected)[]
        {
            (language, OfServices([language.ServiceId!])),
            (organization, OfServices(data.All<Service>().Where(s => s.OrganizationId == organization.Id).Select(s => s.Id))),
            (term, OfServices(data.All<HsdsAttribute>().Where(a => a.TaxonomyTermId == term.Id).Select(a => a.LinkId!))),
            (address, [.. sals.Where(s => s.LocationId == address.LocationId).Select(s => s.Id)]),
        };
        foreach (var (written, expected) in cases)
        {
            var before = await store.DirectoryVersionAsync("demo");
            await store.WriteAsync("demo", [written]);
            var delta = await store.ChangesSinceAsync("demo", before);
            Assert.NotNull(delta);
            Assert.Equal(before + 1, delta.Version);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Order(), delta.Touched.Order());
        }

        // A deleted schedule is a change to its listings; a deleted service takes listings with it: rebuild.
        var schedule = data.All<Schedule>().First(s => s.ServiceAtLocationId is not null);
        var version = await store.DirectoryVersionAsync("demo");
        await store.WriteAsync("demo", [], deletes: [schedule]);
        Assert.Contains(schedule.ServiceAtLocationId!, (await store.ChangesSinceAsync("demo", version))!.Touched);
        await store.WriteAsync("demo", [], deletes: [data.All<Service>().First()]);
        Assert.Null(await store.ChangesSinceAsync("demo", version));

        // Versions the log does not cover (written before it existed) cannot be patched either.
        await db.Database.ExecuteSqlRawAsync("UPDATE communities SET directory_version = directory_version + 1 WHERE id = 'demo'");
        Assert.Null(await store.ChangesSinceAsync("demo", await store.DirectoryVersionAsync("demo") - 1));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_log_keeps_the_latest_versions_and_a_server_behind_them_is_told_to_rebuild(string provider)
    {
        await using var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync("demo", "Demo", "America/New_York");
        var service = new DemoCommunityGenerator(RegionData.Baltimore).Generate(5, new DateOnly(2026, 11, 1), "demo").All<Service>().First();
        await store.WriteAsync("demo", [service]);
        for (var i = 0; i < DirectoryStore.KeptVersions; i++) await store.WriteAsync("demo", []);

        var current = await store.DirectoryVersionAsync("demo");
        Assert.Equal(DirectoryStore.KeptVersions + 1, current);
        var versions = await db.Database.SqlQueryRaw<long>("SELECT DISTINCT version AS \"Value\" FROM directory_changes WHERE community_id = 'demo'").ToListAsync();
        Assert.Equal(Enumerable.Range(2, DirectoryStore.KeptVersions).Select(v => (long)v), versions.Order());
        Assert.Null(await store.ChangesSinceAsync("demo", 0)); // version 1, the service's write, is gone from the log
        Assert.NotNull(await store.ChangesSinceAsync("demo", 1));
        Assert.Empty((await store.ChangesSinceAsync("demo", current - 5))!.Touched);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_listings_loaded_for_the_index_build_the_same_entries_as_the_whole_directory(string provider)
    {
        await using var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync("demo", "Demo", "America/New_York");
        var data = new DemoCommunityGenerator(RegionData.Baltimore).Generate(60, new DateOnly(2026, 11, 1), "demo");
        await store.WriteAsync("demo", HsdsDatasetOrder.ParentsFirst(data));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var some = data.All<ServiceAtLocation>().Where((_, i) => i % 3 == 0).Select(s => s.Id).ToHashSet();

        var partial = DirectoryEntryBuilder.Build(await store.LoadListingsAsync("demo", some), zone).ToDictionary(e => e.ServiceAtLocationId);
        var whole = DirectoryEntryBuilder.Build(data, zone).Where(e => some.Contains(e.ServiceAtLocationId)).ToList();

        Assert.Equal(whole.Count, partial.Count);
        foreach (var e in whole)
        {
            var p = partial[e.ServiceAtLocationId];
            Assert.Equal((e.ServiceName, e.OrganizationName, e.Address, e.Point, e.LastVerified), (p.ServiceName, p.OrganizationName, p.Address, p.Point, p.LastVerified));
            Assert.Equal(e.Terms.Select(t => t.Id).Order(), p.Terms.Select(t => t.Id).Order());
            Assert.Equal(e.Languages.Select(l => l.Code).Order(), p.Languages.Select(l => l.Code).Order());
            Assert.Equal(e.Phones.Order(), p.Phones.Order());
            Assert.Equal(e.Hours.Rules.Count, p.Hours.Rules.Count);
        }
    }
}
