using Braid.Application.Listings;
using Braid.Core;
using Braid.Core.Listings;
using Braid.Data.Listings;
using Braid.Testing;

namespace Braid.Application.Tests.Listings;

public sealed class EditListingTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task An_edit_writes_the_records_its_version_and_its_audit_event_together_only_once_the_claim_is_approved(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var (organization, sal) = community.Listing;
        var store = new ListingStore(community.Db, TimeProvider.System);
        var staff = community.As(Community.Staff("ana", organization, Braid.Core.Access.Roles.CboStaff));
        var edit = new EditListing(staff, store);
        var id = new ServiceAtLocationId(sal);
        var form = ListingEditor.FormOf((await store.LoadAsync("demo", sal))!) with { Languages = ["en", "ko"] };

        Assert.Equal(EditRefusal.NotClaimed, (await edit.SaveAsync(id, form)).Refusal);
        await ApprovedAsync(store, organization);

        var edited = await edit.SaveAsync(id, form);

        Assert.NotNull(edited.Change);
        var reloaded = await store.LoadAsync("demo", sal);
        Assert.Equal(["en", "ko"], reloaded!.Languages.Select(l => l.Code).Order());
        Assert.Equal("ana@example.org", reloaded.Service.AssurerEmail);
        Assert.Equal("user:ana", Assert.Single(await store.HistoryAsync("demo", reloaded.Service.Id)).Actor);
        Assert.Equal(["directory.edit changed languages"], await community.AuditAsync("directory.edit"));
        Assert.Equal(EditRefusal.NotFound, (await edit.SaveAsync(new ServiceAtLocationId("no-such-listing"), form)).Refusal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_invalid_form_writes_nothing_and_names_the_field(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var (organization, sal) = community.Listing;
        var store = new ListingStore(community.Db, TimeProvider.System);
        await ApprovedAsync(store, organization);
        var listing = (await store.LoadAsync("demo", sal))!;

        var edited = await new EditListing(community.As(Community.Staff("ana", organization)), store)
            .SaveAsync(new ServiceAtLocationId(sal), ListingEditor.FormOf(listing) with { Name = "" });

        Assert.Null(edited.Change);
        Assert.Contains("name", edited.Errors.Keys);
        Assert.Equal(listing.Service.Name, (await store.LoadAsync("demo", sal))!.Service.Name);
        Assert.Empty(await store.HistoryAsync("demo", listing.Service.Id));
        Assert.Empty(await community.AuditAsync("directory.edit"));
    }

    private static async Task ApprovedAsync(ListingStore store, string organization)
    {
        var claim = ListingClaim.Request(new OrganizationId(organization), "user:admin", DateTimeOffset.UtcNow);
        claim.Approve("user:community", DateTimeOffset.UtcNow);
        await store.SaveClaimAsync("demo", claim);
    }
}
