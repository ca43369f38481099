using Braid.Application.Directory;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data.Listings;

namespace Braid.Application.Listings;

/// <summary>Why a listing cannot be edited by this caller.</summary>
public enum EditRefusal { NotFound, NotClaimed }

/// <summary>A listing opened for editing, or why it cannot be.</summary>
public sealed record OpenedListing(Listing? Listing, EditRefusal? Refusal);

/// <summary>The outcome of an edit: the change saved, or the fields that are wrong (nothing written), or why the listing cannot be edited.</summary>
public sealed record ListingEdited(Listing? Listing, ListingChange? Change, Dictionary<string, InputError> Errors, EditRefusal? Refusal)
{
    /// <summary>When the listing now says it was last verified.</summary>
    public string? LastVerified => Change?.Upserts.OfType<Service>().First().AssuredDate;
}

/// <summary>
/// Opening, editing and verifying a listing, for the pages and the API alike: the caller must be
/// staff (or an API client with directory.write) of the owning organization, whose claim a
/// community admin has approved; a save validates, writes, versions and audits in one transaction,
/// and the next search sees it.
/// </summary>
public sealed class EditListing(UseCaseContext context, ListingStore listings, SearchDirectory? search = null)
{
    /// <summary>The listing when the caller may edit it; throws <see cref="AccessDeniedException"/> (audited) when the role is wrong.</summary>
    public async Task<OpenedListing> OpenAsync(ServiceAtLocationId id, CancellationToken ct = default)
    {
        if (await listings.LoadAsync(context.CommunityId.Value, id.Value, ct) is not { } listing) return new(null, EditRefusal.NotFound);
        await context.AuthorizeAsync(Permission.DirectoryEdit, listing.Owner, Target(listing), ct);
        return (await listings.ClaimAsync(context.CommunityId.Value, listing.Owner.Value, ct))?.AllowsEditing == true
            ? new(listing, null)
            : new(null, EditRefusal.NotClaimed);
    }

    /// <summary>Validates and saves the form; with errors, nothing is written.</summary>
    public async Task<ListingEdited> SaveAsync(ServiceAtLocationId id, ListingForm form, CancellationToken ct = default)
    {
        var (listing, refusal) = await OpenAsync(id, ct);
        if (listing is null) return new(null, null, [], refusal);
        var actor = await context.Caller.ActorAsync(ct);
        var (change, errors) = ListingEditor.Apply(listing, form, await context.LocalNowAsync(ct), Editor(actor), () => Guid.NewGuid().ToString());
        if (change is null) return new(listing, null, errors, null);
        await context.ChangeAsync(async audit =>
        {
            await listings.SaveAsync(context.CommunityId.Value, listing, change, "edit", actor.Id, ct);
            audit.Record(actor, "directory.edit", change.Changes.Count == 0 ? "verified without changes" : $"changed {string.Join(", ", change.Changes.Select(c => c.Field))}",
                listing.Owner, Target(listing));
            return change;
        }, ct);
        if (search is not null) await search.RefreshNowAsync(ct);
        return new(listing, change, errors, null);
    }

    /// <summary>"Still accurate": verifies the listing today without changing it.</summary>
    public async Task<EditRefusal?> VerifyAsync(ServiceAtLocationId id, CancellationToken ct = default)
    {
        var (listing, refusal) = await OpenAsync(id, ct);
        if (listing is null) return refusal;
        var actor = await context.Caller.ActorAsync(ct);
        var verified = ListingEditor.Verified(listing.Service, await context.LocalNowAsync(ct), Editor(actor));
        var change = new ListingChange([verified], [], [new FieldChange("last_verified", listing.Service.AssuredDate, verified.AssuredDate)]);
        await context.ChangeAsync(async audit =>
        {
            await listings.SaveAsync(context.CommunityId.Value, listing, change, "verify", actor.Id, ct);
            audit.Record(actor, "directory.verify", "succeeded", listing.Owner, Target(listing));
            return change;
        }, ct);
        if (search is not null) await search.RefreshNowAsync(ct);
        return null;
    }

    /// <summary>Every saved edit and verification of the listing, newest first, for those who may edit it.</summary>
    public async Task<(Listing Listing, List<ListingVersionRow> Versions)?> HistoryAsync(ServiceAtLocationId id, CancellationToken ct = default)
    {
        if (await listings.LoadAsync(context.CommunityId.Value, id.Value, ct) is not { } listing) return null;
        await context.AuthorizeAsync(Permission.DirectoryEdit, listing.Owner, Target(listing), ct);
        return (listing, await listings.HistoryAsync(context.CommunityId.Value, listing.Service.Id, ct));
    }

    private static string Target(Listing listing) => "service:" + listing.Service.Id;

    // HSDS assurer_email: the signed-in person's email, or the API client's id.
    private string Editor(Actor actor) => context.Caller.Email ?? actor.Id;
}
