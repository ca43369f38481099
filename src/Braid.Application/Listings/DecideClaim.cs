using Braid.Core.Listings;
using Braid.Data.Directory;
using Braid.Data.Listings;

namespace Braid.Application.Listings;

/// <summary>What a community administrator decides about a claim.</summary>
public enum ClaimDecision { Approve, Reject, Revoke }

/// <summary>A claim as the community administrator sees it: the organization's name and who asked or was approved, when.</summary>
public sealed record ClaimLine(ListingClaim Claim, string Name);

/// <summary>A community administrator approves or rejects a requested claim, or revokes an approved one.</summary>
public sealed class DecideClaim(UseCaseContext context, ListingStore listings)
{
    /// <summary>The claims awaiting a decision and those approved (which may be revoked), with the organizations' names.</summary>
    public async Task<(List<ClaimLine> Requested, List<ClaimLine> Approved)> ClaimsAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.DirectoryClaimApprove, ct: ct);
        var community = context.CommunityId.Value;
        var requested = await listings.ClaimsAsync(community, ClaimState.Requested, ct);
        var approved = await listings.ClaimsAsync(community, ClaimState.Approved, ct);
        var ids = requested.Concat(approved).Select(c => c.Organization.Value).ToList();
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(community, ids, ct);
        ClaimLine Line(ListingClaim c) => new(c, names.GetValueOrDefault(c.Organization.Value) ?? c.Organization.Value);
        return ([.. requested.Select(Line)], [.. approved.Select(Line)]);
    }

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
