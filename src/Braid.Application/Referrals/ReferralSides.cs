using Braid.Core.Referrals;

namespace Braid.Application.Referrals;

/// <summary>A referral is seen and worked only by the organizations on its two sides (and the server's operator).</summary>
internal static class ReferralSides
{
    /// <summary>The side the actor is on and the organization they act for; otherwise the denial is audited and thrown.</summary>
    public static async Task<(ReferralParty Party, OrganizationId? Organization)> RequireAsync(UseCaseContext context, Actor actor, Referral referral, Permission permission, CancellationToken ct)
    {
        if (Of(context, actor, referral, permission) is { } side) return side;
        const string reason = "only the organizations that sent and received a referral may see or change it";
        await context.RecordAsync(actor, "access." + permission, "denied: " + reason, target: SendReferral.Target(referral.Id), ct: ct);
        throw new AccessDeniedException(actor, permission, new AccessDecision(false, reason));
    }

    /// <summary>The side the actor is on, counting only organizations where they hold the permission; null when on neither.</summary>
    public static (ReferralParty Party, OrganizationId? Organization)? Of(UseCaseContext context, Actor actor, Referral referral, Permission permission)
    {
        if (actor.Kind == ActorKind.Operator) return (ReferralParty.Requester | ReferralParty.Target, null);
        if (referral.PartyOf(AccessPolicy.OrganizationsAllowed(actor, permission, context.CommunityId)) is not { } party) return null;
        return (party, party.HasFlag(ReferralParty.Target) ? referral.Details.To : referral.Details.From);
    }
}
