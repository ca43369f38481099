using Braid.Core.Audit;
using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Listings;
using Braid.Data.Audit;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Data.Region;
using Braid.Testing;

namespace Braid.Data.Tests.Listings;

public sealed class ListingStoreTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static async Task<(BraidDbContext Db, ListingStore Store, Listing Listing)> SetUpAsync(string provider)
    {
        var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var directory = new DirectoryStore(db);
        await directory.EnsureCommunityAsync("demo", "Demo", "America/New_York");
        var data = new DemoCommunityGenerator(RegionData.Baltimore).Generate(30, new DateOnly(2026, 11, 1), "demo");
        await directory.WriteAsync("demo", HsdsDatasetOrder.ParentsFirst(data));
        var store = new ListingStore(db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
        var listing = await store.LoadAsync("demo", data.All<ServiceAtLocation>().First().Id);
        return (db, store, listing!);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_edit_writes_the_records_its_version_and_its_audit_event_together(string provider)
    {
        var (db, store, listing) = await SetUpAsync(provider);
        await using var _ = db;
        var form = ListingEditor.FormOf(listing) with { Hours = [new("SU", "13:00", "15:00")], Languages = ["en", "ko"] };
        var (change, errors) = ListingEditor.Apply(listing, form, DateTimeOffset.Now, "admin@example.org", () => Guid.NewGuid().ToString());
        Assert.Empty(errors);

        await store.SaveAsync("demo", listing, change!, "edit", new AuditEntry("demo", "user:1", "directory.edit", "changed hours, languages"));

        var reloaded = await store.LoadAsync("demo", listing.ServiceAtLocation.Id);
        Assert.Equal("SU", Assert.Single(reloaded!.Schedules).Byday);
        Assert.Equal(["en", "ko"], reloaded.Languages.Select(l => l.Code).Order());
        Assert.Equal("admin@example.org", reloaded.Service.AssurerEmail);
        var version = Assert.Single(await store.HistoryAsync("demo", listing.Service.Id));
        Assert.Contains(version.FieldChanges, c => c.Field == "hours" && c.After == "SU 13:00–15:00");
        Assert.True((await new AuditLog(db, TimeProvider.System).VerifyAsync()).Intact);
        Assert.Equal(1, (await new AuditLog(db, TimeProvider.System).SearchAsync(new AuditQuery("demo") { Action = "directory.edit" })).Total);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_the_audit_event_cannot_be_written_Then_the_edit_is_not_written_either(string provider)
    {
        var (db, store, listing) = await SetUpAsync(provider);
        await using var _ = db;
        var before = await new DirectoryStore(db).DirectoryVersionAsync("demo");
        var form = ListingEditor.FormOf(listing) with { Name = "Renamed" };
        var (change, _) = ListingEditor.Apply(listing, form, DateTimeOffset.Now, "admin@example.org", () => Guid.NewGuid().ToString());

        // An actor the audit table refuses (NOT NULL) makes the last step of the transaction fail.
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync("demo", listing, change!, "edit", new AuditEntry("demo", null!, "directory.edit", "changed name")));

        db.ChangeTracker.Clear();
        var reloaded = await store.LoadAsync("demo", listing.ServiceAtLocation.Id);
        Assert.Equal(listing.Service.Name, reloaded!.Service.Name);
        Assert.Empty(await store.HistoryAsync("demo", listing.Service.Id));
        Assert.Equal(before, await new DirectoryStore(db).DirectoryVersionAsync("demo"));
    }
}
