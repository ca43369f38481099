using Braid.Application.Listings;
using Braid.Data.Listings;
using Microsoft.Extensions.Options;

namespace Braid.Web.Pages.Manage;

/// <summary>Community administrators see which listings are overdue for verification and remind the owning organizations by email.</summary>
[RequiredPermission(Permission.DirectoryFreshnessView)]
public sealed class FreshnessModel(RemindStaleListings reminders, IOptions<BraidOptions> options, PublicSite site, Texts texts) : PageModel
{
    private const int Shown = 500;

    public int Days => options.Value.FreshnessDays;
    public List<StaleListing> Stale { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Stale = await reminders.StaleAsync(Days, Shown, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var sent = await reminders.RunAsync(Days, site.Link("/manage"), ct);
        Message = texts["reminders-sent", sent.Sent, sent.Reached, sent.Organizations - sent.Reached];
        Stale = [.. sent.Stale.Take(Shown)];
        return Page();
    }
}
