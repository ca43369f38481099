using Braid.Core.Referrals;
using Braid.Data.Outbox;
using Braid.Data.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Braid.Application.Referrals;

/// <summary>
/// Tells the receiving organization of each missed referral deadline, through the outbox: its
/// worker (the referral's assignee, else the organization's CBO staff) first, its administrators
/// once the deadline has stayed missed as long again as was allowed, the community's
/// administrators after twice that. Each person hears of a deadline once at each level; the
/// emails name the service and link the referral, never the person.
/// </summary>
public sealed class RemindMissedReferrals(UseCaseContext context, ReferralStore referrals, OutboxStore outbox)
{
    /// <param name="site">The address people reach Braid at, for the link to the referral.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>How many reminders were queued.</returns>
    public async Task<int> RunAsync(string site, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, ct: ct);
        var now = context.Time.GetUtcNow();
        var sla = await referrals.SlaAsync(context.CommunityId, ct);
        var open = await referrals.ListAsync(context.CommunityId, new ReferralFilter { Statuses = [.. Enum.GetValues<ReferralStatus>().Where(s => !s.IsClosed())] }, int.MaxValue, ct);
        var missed = open.Select(r => (Row: r, Deadline: sla.Next(r)))
            .Where(r => r.Row.ToOrganization is not null && r.Deadline?.Escalation(now) is not null).ToList();
        if (missed.Count == 0) return 0;

        var organizations = missed.Select(m => m.Row.ToOrganization!).Distinct().ToList();
        var db = context.Db;
        var staff = await db.Memberships.AsNoTracking()
            .Where(m => m.CommunityId == context.CommunityId.Value && (organizations.Contains(m.OrganizationId) || m.Role == Roles.CommunityAdmin))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrganizationId, m.Role, m.UserId, u.Email, u.Language })
            .ToListAsync(ct);
        var messages = new List<OutboxMessageRow>();
        foreach (var (row, deadline) in missed)
        {
            var level = deadline!.Escalation(now)!.Value;
            var assignee = Actor.UserIdOf(row.Assignee ?? "");
            var recipients = level switch
            {
                EscalationLevel.Worker => staff.Where(s => s.OrganizationId == row.ToOrganization && (assignee is not null ? s.UserId == assignee : s.Role == Roles.CboStaff)),
                EscalationLevel.OrganizationAdmin => staff.Where(s => s.OrganizationId == row.ToOrganization && s.Role == Roles.OrgAdmin),
                _ => staff.Where(s => s.Role == Roles.CommunityAdmin),
            };
            var kind = deadline.Kind.ToString().ToLowerInvariant();
            var text = new OutboxText("referral-missed-" + kind, [row.ServiceName, deadline.Due.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), $"{site.TrimEnd('/')}/referrals/{row.Id}"]);
            messages.AddRange(recipients.Where(r => r.Email is not null).DistinctBy(r => r.UserId)
                .Select(r => OutboxMessageRow.Due(context.CommunityId.Value, $"reminder:{row.Id}:{kind}:{level}:{r.UserId}", "email", r.Email!, r.Language, text.ToJson(), now)));
        }

        await context.ChangeAsync(async audit =>
        {
            await outbox.QueueAsync(messages, ct);
            audit.Record(actor, "referrals.remind", $"{missed.Count} referrals past a deadline, {messages.Count} reminders");
            return true;
        }, ct);
        return messages.Count;
    }
}
