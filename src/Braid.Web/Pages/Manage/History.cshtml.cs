using Braid.Application.Listings;
using Braid.Data.Listings;

namespace Braid.Web.Pages.Manage;

/// <summary>Every saved edit and verification of a listing: who, when, and each field before and after.</summary>
[RequiredPermission(Permission.DirectoryEdit)]
public sealed class HistoryModel(EditListing editing) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public string? ServiceName { get; private set; }
    public List<ListingVersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A denial becomes sign-in or "access denied" (the page filter).
        if (await editing.HistoryAsync(new ServiceAtLocationId(Id), ct) is not var (listing, versions)) return NotFound();
        ServiceName = listing.Service.Name;
        Versions = versions;
        return Page();
    }
}
