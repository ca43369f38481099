using Braid.Application;
using Braid.Core.Access;
using Braid.Data.Listings;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>Every saved edit and verification of a listing: who, when, and each field before and after.</summary>
[RequiredPermission(Permission.DirectoryEdit)]
public sealed class HistoryModel(UseCaseContext context, ListingStore listings) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public string? ServiceName { get; private set; }
    public List<ListingVersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await listings.LoadAsync(context.CommunityId.Value, Id, ct) is not { } listing) return NotFound();
        await context.AuthorizeAsync(Permission.DirectoryEdit, listing.Owner, "service:" + listing.Service.Id, ct); // a denial becomes sign-in or "access denied" (the page filter)
        ServiceName = listing.Service.Name;
        Versions = await listings.HistoryAsync(context.CommunityId.Value, listing.Service.Id, ct);
        return Page();
    }
}
