namespace Braid.Web.Pages.Referrals;

/// <summary>The organizations whose referrals the signed-in user works, and the one a page shows: the one asked for when it is theirs, else their first.</summary>
internal static class ReferralDesk
{
    public static async Task<(IReadOnlyList<OrganizationId> Allowed, OrganizationId? Shown)> ChooseAsync(UseCaseContext context, string? asked, CancellationToken ct)
    {
        var allowed = AccessPolicy.OrganizationsAllowed(await context.Caller.ActorAsync(ct), Permission.ReferralRead, context.CommunityId);
        return (allowed, allowed.Count == 0 ? null : allowed.FirstOrDefault(o => o.Value == asked, allowed[0]));
    }
}
