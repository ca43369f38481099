using Braid.Core;
using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Data.Migrations;
using Braid.Data.Region;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

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
        var store = new ListingStore(db, TimeProvider.System);
        var listing = await store.LoadAsync("demo", data.All<ServiceAtLocation>().First().Id);
        return (db, store, listing!);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_edit_writes_the_records_and_its_version(string provider)
    {
        var (db, store, listing) = await SetUpAsync(provider);
        await using var _ = db;
        var form = ListingEditor.FormOf(listing) with { Hours = [new("SU", "13:00", "15:00")], Languages = ["en", "ko"] };
        var (change, errors) = ListingEditor.Apply(listing, form, DateTimeOffset.Now, "admin@example.org", () => Guid.NewGuid().ToString());
        Assert.Empty(errors);

        await store.SaveAsync("demo", listing, change!, "edit", "user:1");

        var reloaded = await store.LoadAsync("demo", listing.ServiceAtLocation.Id);
        Assert.Equal("SU", Assert.Single(reloaded!.Schedules).Byday);
        Assert.Equal(["en", "ko"], reloaded.Languages.Select(l => l.Code).Order());
        Assert.Equal("admin@example.org", reloaded.Service.AssurerEmail);
        var version = Assert.Single(await store.HistoryAsync("demo", listing.Service.Id));
        Assert.Contains(version.FieldChanges, c => c.Field == "hours" && c.After == "SU 13:00–15:00");
        Assert.Equal("user:1", version.Actor);
    }

    [Fact]
    public async Task A_listing_loads_in_one_round_trip()
    {
        var (db, store, listing) = await SetUpAsync(TestDatabases.Postgres);
        await using var _ = db;
        using var commands = new SqlCommands(db.Database.GetConnectionString()!);

        var loaded = await store.LoadAsync("demo", listing.ServiceAtLocation.Id);

        Assert.Single(commands.Take());
        Assert.Equal((listing.Service.Id, listing.Location.Id, listing.Schedules.Count, listing.Languages.Count), (loaded!.Service.Id, loaded.Location.Id, loaded.Schedules.Count, loaded.Languages.Count));
        Assert.Null(await store.LoadAsync("demo", "no-such-listing"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_claim_reads_back_in_the_state_it_was_saved_in(string provider)
    {
        var (db, store, _) = await SetUpAsync(provider);
        await using var __ = db;
        var requestedAt = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        var claim = ListingClaim.Request(new OrganizationId("org-1"), "user:admin-1", requestedAt);
        await store.SaveClaimAsync("demo", claim);
        claim.Approve("user:community", requestedAt.AddHours(2));
        await store.SaveClaimAsync("demo", claim);
        await store.SaveClaimAsync("demo", ListingClaim.Request(new OrganizationId("org-2"), "user:admin-2", requestedAt));

        var read = await store.ClaimAsync("demo", "org-1");
        Assert.Equal(ClaimState.Approved, read!.State);
        Assert.Equal(("user:admin-1", requestedAt, "user:community", requestedAt.AddHours(2)), (read.RequestedBy, read.RequestedAt, read.DecidedBy, read.DecidedAt));
        Assert.Empty(read.Events);
        Assert.Equal(["org-2"], (await store.ClaimsAsync("demo", ClaimState.Requested)).Select(c => c.Organization.Value));
        Assert.Equal(new Dictionary<string, ClaimState> { ["org-1"] = ClaimState.Approved, ["org-2"] = ClaimState.Requested },
            await store.ClaimStatesAsync("demo", ["org-1", "org-2", "org-3"]));
        Assert.Equal(2, await db.ListingClaims.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Claims_stored_before_they_were_an_aggregate_read_in_its_states(string provider)
    {
        var cs = await TestDatabases.CreateEmptyAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        await Migrator.MigrateAsync(db, targetVersion: 8);
        foreach (var (organization, status) in new[] { ("org-p", "pending"), ("org-a", "approved"), ("org-r", "refused") })
        {
            db.ListingClaims.Add(new ListingClaimRow { CommunityId = "demo", OrganizationId = organization, Status = status, RequestedBy = "user:u1", RequestedAt = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture) });
        }

        await db.SaveChangesAsync();
        await Migrator.MigrateAsync(db);

        var states = await new ListingStore(db, TimeProvider.System).ClaimStatesAsync("demo", ["org-p", "org-a", "org-r"]);
        Assert.Equal(new Dictionary<string, ClaimState> { ["org-p"] = ClaimState.Requested, ["org-a"] = ClaimState.Approved, ["org-r"] = ClaimState.Rejected }, states);
    }
}
