using Braid.Core.Access;
using Braid.Data.Listings;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>Every saved edit and verification of a listing: who, when, and each field before and after.</summary>
[RequiredPermission(Permission.DirectoryEdit)]
public sealed class HistoryModel(AccessControl access, ListingStore listings) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public string? ServiceName { get; private set; }
    public List<ListingVersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await listings.LoadAsync(access.CommunityId, Id, ct) is not { } listing) return NotFound();
        if (await this.DenyUnlessAsync(access, Permission.DirectoryEdit, listing.Service.OrganizationId ?? "", "service:" + listing.Service.Id) is { } denied) return denied;
        ServiceName = listing.Service.Name;
        Versions = await listings.HistoryAsync(access.CommunityId, listing.Service.Id, ct);
        return Page();
    }
}
