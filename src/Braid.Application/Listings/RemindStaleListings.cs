using Braid.Data.Listings;
using Microsoft.EntityFrameworkCore;

namespace Braid.Application.Listings;

/// <summary>How many reminders went out, to how many of the organizations with stale listings.</summary>
public sealed record RemindersSent(int Sent, int Reached, int Organizations, IReadOnlyList<StaleListing> Stale);

/// <summary>Community administrators see the listings overdue for verification and email each owning organization's administrators a list.</summary>
public sealed class RemindStaleListings(UseCaseContext context, ListingStore listings, IMailer mailer)
{
    /// <summary>Active listings not verified in <paramref name="days"/> days (by the community's calendar), oldest first.</summary>
    public async Task<List<StaleListing>> StaleAsync(int days, int limit, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.DirectoryFreshnessView, ct: ct);
        return await listings.StaleAsync(context.CommunityId.Value, DateOnly.FromDateTime((await context.LocalNowAsync(ct)).DateTime).AddDays(-days), limit, ct);
    }

    /// <param name="days">How old a verification may be.</param>
    /// <param name="manageLink">Where the administrators edit or confirm their listings.</param>
    /// <param name="ct">Cancels the run.</param>
    public async Task<RemindersSent> RunAsync(int days, string manageLink, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.DirectoryFreshnessView, ct: ct);
        var stale = await StaleAsync(days, int.MaxValue, ct);
        var byOrganization = stale.Where(s => s.OrganizationId is not null).GroupBy(s => s.OrganizationId!).ToDictionary(g => g.Key, g => g.ToList());
        var db = context.Db;
        var admins = await db.Memberships.AsNoTracking()
            .Where(m => m.CommunityId == context.CommunityId.Value && m.Role == Roles.OrgAdmin)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrganizationId, u.Email, u.Language })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var admin in admins.Where(a => byOrganization.ContainsKey(a.OrganizationId) && a.Email is not null))
        {
            var list = byOrganization[admin.OrganizationId];
            var lines = list.Take(20).Select(l => new EmailMessage("stale-listing", l.ServiceName, l.LastVerified is { } date ? date : new EmailMessage("never"))).ToList();
            await mailer.SendAsync(admin.Email!, new EmailMessage("stale-listings", list.Count, days, lines, manageLink), admin.Language);
            sent++;
        }

        var reached = admins.Where(a => byOrganization.ContainsKey(a.OrganizationId)).Select(a => a.OrganizationId).Distinct().Count();
        await context.RecordAsync(actor, "directory.freshness-reminders", $"sent {sent} to {reached} organizations", ct: ct);
        return new RemindersSent(sent, reached, byOrganization.Count, stale);
    }
}
