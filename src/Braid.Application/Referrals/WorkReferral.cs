using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.Referrals;

/// <summary>
/// Changes to a referral by the organizations on its two sides: accept, decline, hold, waitlist,
/// cancel, complete, assign, log a contact attempt, acknowledge receipt. Each is a referral event,
/// an audit event and the notices it calls for, saved together. A caller that read the referral at a version says so
/// (<c>If-Match</c>); a change since then is refused, never overwritten.
/// </summary>
public sealed class WorkReferral(UseCaseContext context, ReferralStore referrals, PeopleStore people, ReferralNotices notices)
{
    /// <summary>Moves the referral to another status; null when there is no such referral.</summary>
    public Task<Referral?> MoveAsync(ReferralId id, ReferralStatus to, ReferralReason? reason = null, string? note = null, int? waitlistPosition = null,
        int? expectedVersion = null, string channel = "page", CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, channel, "referrals." + to.Code(), (r, party, stamp) => r.Move(to, party, stamp, reason, note, waitlistPosition),
            r => r.Reason is { } why ? why.Code() + (r.WaitlistPosition is { } place ? $" #{place}" : "") : to.Code(), ct);

    /// <summary>Completes the referral with the service delivered; when the need was met, the person's need is marked met too.</summary>
    public Task<Referral?> CompleteAsync(ReferralId id, ServiceDelivered service, NeedMet? needMet, string? note = null, int? expectedVersion = null,
        string channel = "page", CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, channel, "referrals.completed", (r, party, stamp) => r.Complete(party, stamp, service, needMet, note),
            r => $"need met: {r.NeedMet?.Code() ?? "not said"}", ct, referral => MarkNeedMetAsync(context, people, referral, ct));

    /// <summary>When a referral just completed met the need, the person's need is marked met too.</summary>
    internal static async Task MarkNeedMetAsync(UseCaseContext context, PeopleStore people, Referral referral, CancellationToken ct)
    {
        if (referral.Status != ReferralStatus.Completed || referral.NeedMet != NeedMet.Yes || referral.NewEvents.LastOrDefault() is not ReferralCompleted) return;
        var needs = await people.NeedsAsync(context.CommunityId, [referral.Details.Person], ct);
        if (needs.FirstOrDefault(n => n.Id == referral.Details.Need) is { MayBeReferred: true } need)
            await people.SaveNeedsAsync(context.CommunityId, Need.Ranked([.. needs.Select(n => n.Id == need.Id ? n.MarkMet() : n)], []), ct);
    }

    public Task<Referral?> AssignAsync(ReferralId id, string? assignee, int? expectedVersion = null, string channel = "page", CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, channel, "referrals.assign", (r, party, stamp) => r.Assign(party, stamp, assignee), r => r.Assignee ?? "nobody", ct);

    public Task<Referral?> LogContactAttemptAsync(ReferralId id, bool reached, string? note = null, int? expectedVersion = null, string channel = "page", CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, channel, "referrals.contact", (r, party, stamp) => r.LogContactAttempt(party, stamp, reached, note),
            r => $"attempt {r.ContactAttempts}: {(reached ? "reached" : "not reached")}", ct);

    /// <summary>A legacy partner's "received".</summary>
    public Task<Referral?> AcknowledgeReceivedAsync(ReferralId id, int? expectedVersion = null, string channel = "fhir", CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, channel, "referrals.received", (r, party, stamp) => r.AcknowledgeReceived(party, stamp), _ => "acknowledged", ct);

    /// <summary>
    /// The sending side sends again the link the referral waits for (an external organization's
    /// answer or close link, or the person's follow-up), ending the ones before it. Null when there
    /// is no such referral; false when it waits for no link.
    /// </summary>
    public async Task<bool?> ResendLinkAsync(ReferralId id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralWrite, target: SendReferral.Target(id), ct: ct);
        if (await referrals.FindAsync(context.CommunityId, id, ct) is not { } referral) return null;
        var (party, organization) = await ReferralSides.RequireAsync(context, actor, referral, Permission.ReferralWrite, ct);
        if (!party.HasFlag(ReferralParty.Requester)) throw new DomainRuleException("Only the organization that sent the referral sends its links again.");
        return await context.ChangeAsync(async audit =>
        {
            var resent = await notices.ResendLinkAsync(referral, ct);
            audit.Record(actor, "referrals.link.resend", resent ? "sent" : "no link awaited", organization, SendReferral.Target(id));
            return resent;
        }, ct);
    }

    /// <summary>
    /// Cancels, on the sender's side and in Braid's name, each referral nobody answered before it
    /// expired (<see cref="ReferralSla.ExpiresAt"/>), with the reason <see cref="ReferralReason.Expired"/>;
    /// the person is told and the sender is offered other services. Returns how many expired.
    /// </summary>
    public async Task<int> ExpireUnansweredAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralWrite, ct: ct);
        var now = context.Time.GetUtcNow();
        var sla = await referrals.SlaAsync(context.CommunityId, ct);
        var waiting = await referrals.ListAsync(context.CommunityId, new ReferralFilter { Statuses = [ReferralStatus.Requested] }, int.MaxValue, ct);
        var expired = 0;
        // An informational referral waits for the person, who is asked how it went (ReferralLinkRules.FollowUpAt), not for an answer.
        var informational = ReferralKind.Informational.ToString().ToLowerInvariant();
        foreach (var row in waiting.Where(r => r.Kind != informational && sla.ExpiresAt(r.SentAt) < now))
        {
            if (await referrals.FindAsync(context.CommunityId, new ReferralId(row.Id), ct) is not { Status: ReferralStatus.Requested } referral) continue;
            referral.Move(ReferralStatus.Cancelled, ReferralParty.Requester, new Stamp(actor.Id, null, now, "system"), ReferralReason.Expired);
            await context.ChangeAsync(async audit =>
            {
                await referrals.SaveAsync(context.CommunityId, referral, ct);
                await notices.QueueAsync(referral, ct);
                audit.Record(actor, "referrals.expired", $"unanswered since {row.SentAt:u}", referral.Details.From, SendReferral.Target(referral.Id));
                return true;
            }, ct);
            expired++;
        }

        return expired;
    }

    private async Task<Referral?> ChangeAsync(ReferralId id, int? expectedVersion, string channel, string action, Action<Referral, ReferralParty, Stamp> change,
        Func<Referral, string> outcome, CancellationToken ct, Func<Referral, Task>? alsoChange = null)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralWrite, target: SendReferral.Target(id), ct: ct);
        if (await referrals.FindAsync(context.CommunityId, id, ct) is not { } referral) return null;
        var (party, organization) = await ReferralSides.RequireAsync(context, actor, referral, Permission.ReferralWrite, ct);
        if (expectedVersion is { } expected && expected != referral.Version)
            throw new ConcurrentChangeException($"Referral {id} is at version {referral.Version}, not {expected}: it changed since it was read. Read it again and retry.");

        change(referral, party, new Stamp(actor.Id, organization, context.Time.GetUtcNow(), channel));
        await context.ChangeAsync(async audit =>
        {
            await referrals.SaveAsync(context.CommunityId, referral, ct);
            await notices.QueueAsync(referral, ct);
            if (alsoChange is not null) await alsoChange(referral);
            audit.Record(actor, action, outcome(referral), organization, SendReferral.Target(id));
            return true;
        }, ct);
        return referral;
    }
}
