using Braid.Application.Listings;
using Braid.Core.Listings;

namespace Braid.Web.Pages.Manage;

/// <summary>
/// The one-screen editor of a listing (service, address, weekly hours, languages, capacity) for
/// staff of the owning organization once its claim is approved. An invalid form changes nothing.
/// </summary>
[RequiredPermission(Permission.DirectoryEdit)]
public sealed class ListingModel(EditListing editing, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public ListingForm Form { get; set; } = new();
    public string? LocationName { get; private set; }
    public bool Saved { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (listing, refusal) = await editing.OpenAsync(new ServiceAtLocationId(Id), ct);
        if (listing is null) return Refused(refusal);
        LocationName = listing.Location.Name;
        Form = ListingEditor.FormOf(listing);
        Saved = Request.Query["done"] == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var edited = await editing.SaveAsync(new ServiceAtLocationId(Id), Form, ct);
        if (edited.Listing is null) return Refused(edited.Refusal);
        if (edited.Change is not null) return Redirect($"/manage/listings/{Id}?done=saved&lang={Texts.Lang}");
        LocationName = edited.Listing.Location.Name;
        Errors = texts.Errors(edited.Errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private IActionResult Refused(EditRefusal? refusal) => refusal == EditRefusal.NotFound ? NotFound() : Forbid();
}
