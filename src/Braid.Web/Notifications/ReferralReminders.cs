using Braid.Application.Referrals;
using Braid.Data;
using Braid.Data.Outbox;
using Braid.Data.People;
using Braid.Data.Referrals;
using Microsoft.Extensions.Options;

namespace Braid.Web.Notifications;

/// <summary>
/// Every so often, expires the referrals nobody answered in time (<see cref="WorkReferral.ExpireUnansweredAsync"/>)
/// and queues the reminders missed deadlines call for (<see cref="RemindMissedReferrals"/>).
/// </summary>
public sealed class ReferralReminders(IServiceScopeFactory scopes, IOptions<BraidOptions> options, PublicSite site, TimeProvider time, ILogger<ReferralReminders> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(0, options.Value.ReminderMinutes));

    protected override Task RunOnceAsync(CancellationToken ct) => RunAsync(ct);

    /// <summary>Expires the referrals nobody answered in time, then queues the reminders missed deadlines call for; returns how many reminders.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
        var context = new UseCaseContext(new SystemCaller(new CommunityId(options.Value.Community)), db, new Braid.Data.Audit.AuditLog(db, Time), Time);
        var (referrals, outbox, people) = (new ReferralStore(db), new OutboxStore(db), new PeopleStore(db));
        var expired = await new WorkReferral(context, referrals, people, new ReferralNotices(context, outbox, people, referrals, site)).ExpireUnansweredAsync(ct);
        var queued = await new RemindMissedReferrals(context, referrals, outbox).RunAsync(site.BaseUrl.ToString(), ct);
        if (expired + queued > 0) logger.LogInformation("Expired {Expired} unanswered referrals and queued {Count} reminders of missed deadlines", expired, queued);
        return queued;
    }

    /// <summary>The server itself, acting on a schedule: audited as <c>system:referral-reminders</c>.</summary>
    private sealed class SystemCaller(CommunityId community) : ICaller
    {
        public CommunityId CommunityId => community;
        public string? Email => null;
        public string? Address => Environment.MachineName;
        public Task<Actor> ActorAsync(CancellationToken ct = default) => Task.FromResult(new Actor("system:referral-reminders", ActorKind.Operator, community, [], []));
    }
}
