using Braid.Core;
using Braid.Core.Access;
using Braid.Data.Listings;

namespace Braid.Application.Listings;

/// <summary>What a community administrator decides about a claim.</summary>
public enum ClaimDecision { Approve, Reject, Revoke }

/// <summary>A community administrator approves or rejects a requested claim, or revokes an approved one.</summary>
public sealed class DecideClaim(UseCaseContext context, ListingStore listings)
{
    /// <summary>False when the organization has no claim; a decision the claim's state forbids throws <see cref="DomainRuleException"/>.</summary>
    public async Task<bool> RunAsync(OrganizationId organization, ClaimDecision decision, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.DirectoryClaimApprove, target: RequestClaim.Target(organization), ct: ct);
        if (await listings.ClaimAsync(context.CommunityId.Value, organization.Value, ct) is not { } claim) return false;
        var now = context.Time.GetUtcNow();
        switch (decision)
        {
            case ClaimDecision.Approve: claim.Approve(actor.Id, now); break;
            case ClaimDecision.Reject: claim.Reject(actor.Id, now); break;
            default: claim.Revoke(actor.Id, now); break;
        }

        await ClaimAudit.SaveAsync(context, listings, actor, claim, ct);
        return true;
    }
}
