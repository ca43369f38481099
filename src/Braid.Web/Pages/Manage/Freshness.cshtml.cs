using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Data.Listings;
using Braid.Web.Access;
using Braid.Web.Directory;
using Braid.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Braid.Web.Pages.Manage;

/// <summary>Community administrators see which listings are overdue for verification and remind the owning organizations by email.</summary>
[RequiredPermission(Permission.DirectoryFreshnessView)]
public sealed class FreshnessModel(AccessControl access, ListingStore listings, BraidDbContext db, IMailer mailer, AuditLog audit,
    DirectoryCatalog catalog, IOptions<BraidOptions> options, PublicSite site, TimeProvider time) : PageModel
{
    private const int Shown = 500;

    public int Days => options.Value.FreshnessDays;
    public List<StaleListing> Stale { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Stale = await listings.StaleAsync(access.CommunityId, await CutoffAsync(ct), Shown, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var stale = await listings.StaleAsync(access.CommunityId, await CutoffAsync(ct), int.MaxValue, ct);
        var byOrganization = stale.Where(s => s.OrganizationId is not null).GroupBy(s => s.OrganizationId!).ToDictionary(g => g.Key, g => g.ToList());
        var admins = await db.Memberships.AsNoTracking()
            .Where(m => m.CommunityId == access.CommunityId && m.Role == Roles.OrgAdmin)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrganizationId, User = u })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var admin in admins.Where(a => byOrganization.ContainsKey(a.OrganizationId) && a.User.Email is not null))
        {
            var list = byOrganization[admin.OrganizationId];
            await mailer.SendAsync(admin.User.Email!, $"{list.Count} Braid listings need your check",
                $"{list.Count} of your organization's listings have not been verified in {Days} days, the oldest first:\n" +
                string.Join("\n", list.Take(20).Select(l => $"- {l.ServiceName} (last verified {l.LastVerified ?? "never"})")) +
                $"\nEdit them or confirm they are still accurate at {site.Link("/manage")}");
            sent++;
        }

        var reached = admins.Where(a => byOrganization.ContainsKey(a.OrganizationId)).Select(a => a.OrganizationId).Distinct().Count();
        var actor = await access.ActorAsync(ct);
        await audit.AppendAsync(access.Entry(actor, "directory.freshness-reminders", $"sent {sent} to {reached} organizations"), ct);
        Message = Texts.T("reminders-sent", sent, reached, byOrganization.Count - reached);
        Stale = [.. stale.Take(Shown)];
        return Page();
    }

    private async Task<DateOnly> CutoffAsync(CancellationToken ct) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), (await catalog.CurrentAsync(ct)).Zone).DateTime).AddDays(-Days);
}
