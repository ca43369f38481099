using Braid.Core.Access;
using Braid.Core.Directory.Listings;
using Braid.Data.Listings;
using Braid.Web.Access;
using Braid.Web.Directory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>
/// The one-screen editor of a listing (service, address, weekly hours, languages, capacity) for
/// staff of the owning organization once its claim is approved. An invalid form changes nothing.
/// </summary>
[RequiredPermission(Permission.DirectoryEdit)]
public sealed class ListingModel(AccessControl access, ListingStore listings, DirectoryCatalog catalog, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public ListingForm Form { get; set; } = new();
    public string? LocationName { get; private set; }
    public bool Saved { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await AllowedListingAsync(ct) is not { } listing) return Result!;
        Form = ListingEditor.FormOf(listing);
        Saved = Request.Query["done"] == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await AllowedListingAsync(ct) is not { } listing) return Result!;
        var actor = await access.ActorAsync(ct);
        var zone = (await catalog.CurrentAsync(ct)).Zone;
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        var (change, errors) = ListingEditor.Apply(listing, Form, now, User.Identity?.Name ?? actor.Id, () => Guid.NewGuid().ToString());
        if (change is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await listings.SaveAsync(access.CommunityId, listing, change, "edit",
            access.Entry(actor, "directory.edit", change.Changes.Count == 0 ? "verified without changes" : $"changed {string.Join(", ", change.Changes.Select(c => c.Field))}",
                listing.Service.OrganizationId, "service:" + listing.Service.Id), ct);
        return Redirect($"/manage/listings/{Id}?done=saved&lang={Texts.Lang}");
    }

    public string DayName(string day) => Texts.Spanish
        ? day switch { "MO" => "Lunes", "TU" => "Martes", "WE" => "Miércoles", "TH" => "Jueves", "FR" => "Viernes", "SA" => "Sábado", _ => "Domingo" }
        : day switch { "MO" => "Monday", "TU" => "Tuesday", "WE" => "Wednesday", "TH" => "Thursday", "FR" => "Friday", "SA" => "Saturday", _ => "Sunday" };

    private IActionResult? Result { get; set; }

    /// <summary>The listing when this person may edit it; otherwise null with <see cref="Result"/> set (not found, sign in, denied).</summary>
    private async Task<Listing?> AllowedListingAsync(CancellationToken ct)
    {
        var listing = await listings.LoadAsync(access.CommunityId, Id, ct);
        if (listing is null)
        {
            Result = NotFound();
            return null;
        }

        var organizationId = listing.Service.OrganizationId;
        Result = await this.DenyUnlessAsync(access, Permission.DirectoryEdit, organizationId, "service:" + listing.Service.Id);
        if (Result is null && (await listings.ClaimAsync(access.CommunityId, organizationId ?? "", ct))?.Status != ClaimStatus.Approved) Result = Forbid();
        LocationName = listing.Location.Name;
        return Result is null ? listing : null;
    }
}
