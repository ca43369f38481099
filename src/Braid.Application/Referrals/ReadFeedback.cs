using Braid.Core.Equity;
using Braid.Core.Referrals;
using Braid.Data.Referrals;

namespace Braid.Application.Referrals;

/// <summary>What the people an organization served said of its help, in aggregate only (<see cref="FeedbackSummary"/>): no answer is shown with who gave it, and no one's words.</summary>
public sealed class ReadFeedback(UseCaseContext context, ReferralStore referrals)
{
    public async Task<IReadOnlyList<FeedbackFigure>> ForOrganizationAsync(OrganizationId organization, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, organization, ct: ct);
        var given = await referrals.FeedbackReceivedAsync(context.CommunityId, organization, ct);
        await context.RecordAsync(actor, "referrals.feedback.read", $"{given.Count} answers, in aggregate", organization, ct: ct);
        return FeedbackSummary.Of(given, new EquityRequest().MinimumCell);
    }
}
