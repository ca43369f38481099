using Braid.Core.Access;
using Braid.Core.Directory.Listings;
using Braid.Data.Listings;
using Braid.Web.Access;
using Braid.Web.Directory;

namespace Braid.Web.Listings;

/// <summary>Why a listing cannot be edited by this caller.</summary>
public enum EditRefusal { NotFound, NotClaimed }

/// <summary>
/// The application side of editing a listing, shared by the pages and the API: the caller must be
/// staff (or an API client with directory.write) of the owning organization, whose claim a
/// community admin has approved; saving validates, writes, versions and audits in one step.
/// </summary>
public sealed class ListingEditing(AccessControl access, ListingStore listings, DirectoryCatalog catalog, TimeProvider time)
{
    /// <summary>The listing when the caller may edit it; throws <see cref="AccessDeniedException"/> (audited) when the role is wrong.</summary>
    public async Task<(Listing? Listing, EditRefusal? Refusal)> OpenAsync(string serviceAtLocationId, CancellationToken ct)
    {
        if (await listings.LoadAsync(access.CommunityId, serviceAtLocationId, ct) is not { } listing) return (null, EditRefusal.NotFound);
        var organizationId = listing.Service.OrganizationId ?? "";
        await access.DemandAsync(Permission.DirectoryEdit, organizationId, "service:" + listing.Service.Id, ct);
        return (await listings.ClaimAsync(access.CommunityId, organizationId, ct))?.Status == ClaimStatus.Approved
            ? (listing, null)
            : (null, EditRefusal.NotClaimed);
    }

    /// <summary>Validates and saves the form; with errors, nothing is written.</summary>
    public async Task<(ListingChange? Change, Dictionary<string, string[]> Errors)> SaveAsync(Listing listing, ListingForm form, CancellationToken ct)
    {
        var actor = await access.ActorAsync(ct);
        var (change, errors) = ListingEditor.Apply(listing, form, await NowAsync(ct), await EditorAsync(ct), () => Guid.NewGuid().ToString());
        if (change is null) return (null, errors);
        await listings.SaveAsync(access.CommunityId, listing, change, "edit",
            access.Entry(actor, "directory.edit", change.Changes.Count == 0 ? "verified without changes" : $"changed {string.Join(", ", change.Changes.Select(c => c.Field))}",
                listing.Service.OrganizationId, "service:" + listing.Service.Id), ct);
        return (change, errors);
    }

    /// <summary>"Still accurate": verifies the listing today without changing it.</summary>
    public async Task VerifyAsync(Listing listing, CancellationToken ct)
    {
        var actor = await access.ActorAsync(ct);
        var verified = ListingEditor.Verified(listing.Service, await NowAsync(ct), await EditorAsync(ct));
        await listings.SaveAsync(access.CommunityId, listing, new ListingChange([verified], [], [new FieldChange("last_verified", listing.Service.AssuredDate, verified.AssuredDate)]),
            "verify", access.Entry(actor, "directory.verify", "succeeded", listing.Service.OrganizationId, "service:" + listing.Service.Id), ct);
    }

    // The community's own clock: "verified today" is today in Baltimore, not in UTC.
    private async Task<DateTimeOffset> NowAsync(CancellationToken ct) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), (await catalog.CurrentAsync(ct)).Zone);

    // HSDS assurer_email: the signed-in person's email, or the API client's id.
    private async Task<string> EditorAsync(CancellationToken ct) =>
        access.UserEmail ?? (await access.ActorAsync(ct)).Id;
}
