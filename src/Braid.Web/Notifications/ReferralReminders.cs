using Braid.Application.Referrals;
using Braid.Data;
using Braid.Data.Outbox;
using Braid.Data.Referrals;
using Microsoft.Extensions.Options;

namespace Braid.Web.Notifications;

/// <summary>Looks for missed referral deadlines every so often and queues the reminders they call for (<see cref="RemindMissedReferrals"/>).</summary>
public sealed class ReferralReminders(IServiceScopeFactory scopes, IOptions<BraidOptions> options, PublicSite site, TimeProvider time, ILogger<ReferralReminders> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(0, options.Value.ReminderMinutes));

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var queued = await RunAsync(ct);
        if (queued > 0) logger.LogInformation("Queued {Count} reminders of missed referral deadlines", queued);
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
        var context = new UseCaseContext(new SystemCaller(new CommunityId(options.Value.Community)), db, new Braid.Data.Audit.AuditLog(db, Time), Time);
        return await new RemindMissedReferrals(context, new ReferralStore(db), new OutboxStore(db)).RunAsync(site.BaseUrl.ToString(), ct);
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
