using Braid.Data.Outbox;
using Braid.Interop.Fhir;

namespace Braid.Application.Referrals;

/// <summary>
/// An organization's subscriptions to its referral Tasks: made, read and ended by those who may
/// read its referrals. A filter names only the subscriber's own organization, so a subscription
/// never learns of referrals its organization could not read.
/// </summary>
public sealed class Subscriptions(UseCaseContext context, OutboxStore outbox)
{
    public async Task<SubscriptionRow> CreateAsync(SubscriptionRequest request, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, ct: ct);
        if (AccessPolicy.OrganizationsAllowed(actor, Permission.ReferralRead, context.CommunityId) is not [var organization, ..])
            throw new DomainRuleException("A subscription is made for an organization that works referrals.");
        if (request.Filter is { } filter && !filter.EndsWith("=Organization/" + organization, StringComparison.Ordinal))
            throw new DomainRuleException($"The filter names your organization (Organization/{organization}): a subscription is told only of its own referrals.");

        var row = new SubscriptionRow
        {
            CommunityId = context.CommunityId.Value, Id = Guid.NewGuid().ToString(), OrganizationId = organization.Value, CreatedBy = actor.Id,
            Topic = FhirCodes.ReferralTaskTopic, Filter = request.Filter, Endpoint = request.Endpoint.ToString(), Status = "active", CreatedAt = context.Time.GetUtcNow(),
        };
        await context.ChangeAsync(async audit =>
        {
            await outbox.AddSubscriptionAsync(row, ct);
            audit.Record(actor, "subscriptions.create", $"{row.Endpoint} {row.Filter}", organization, "subscription:" + row.Id);
            return true;
        }, ct);
        return row;
    }

    /// <summary>One of the caller's organization's subscriptions; null when there is none it may see.</summary>
    public async Task<SubscriptionRow?> FindAsync(string id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, ct: ct);
        var subscription = await outbox.SubscriptionAsync(context.CommunityId, id, ct);
        return subscription is not null && AccessPolicy.OrganizationsAllowed(actor, Permission.ReferralRead, context.CommunityId).Contains(new OrganizationId(subscription.OrganizationId))
            ? subscription
            : null;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct = default)
    {
        if (await FindAsync(id, ct) is not { } subscription) return false;
        var actor = await context.Caller.ActorAsync(ct);
        return await context.ChangeAsync(async audit =>
        {
            audit.Record(actor, "subscriptions.delete", subscription.Endpoint, new OrganizationId(subscription.OrganizationId), "subscription:" + id);
            return await outbox.RemoveSubscriptionAsync(context.CommunityId, id, ct);
        }, ct);
    }
}
