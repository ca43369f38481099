using Braid.Core.Listings;
using Braid.Data.Listings;

namespace Braid.Application.Listings;

/// <summary>An organization's administrator asks to own its listings (again, after a rejection or revocation).</summary>
public sealed class RequestClaim(UseCaseContext context, ListingStore listings)
{
    public async Task RunAsync(OrganizationId organization, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.DirectoryClaim, organization, Target(organization), ct);
        var now = context.Time.GetUtcNow();
        var claim = await listings.ClaimAsync(context.CommunityId.Value, organization.Value, ct);
        if (claim is null) claim = ListingClaim.Request(organization, actor.Id, now);
        else claim.RequestAgain(actor.Id, now);
        await ClaimAudit.SaveAsync(context, listings, actor, claim, ct);
    }

    internal static string Target(OrganizationId organization) => "organization:" + organization;
}

internal static class ClaimAudit
{
    /// <summary>Stores the claim and turns each of its events into an audit event, in one transaction.</summary>
    public static Task SaveAsync(UseCaseContext context, ListingStore listings, Actor actor, ListingClaim claim, CancellationToken ct) =>
        context.ChangeAsync(async audit =>
        {
            await listings.SaveClaimAsync(context.CommunityId.Value, claim, ct);
            foreach (var e in claim.Events)
            {
                audit.Record(actor, e.State == ClaimState.Requested ? "directory.claim" : "directory.claim-decision", e.State.ToString().ToLowerInvariant(),
                    e.Organization, RequestClaim.Target(e.Organization));
            }

            return claim;
        }, ct);
}
