using Braid.Core.Access;
using Braid.Core.Directory.Listings;
using Braid.Web.Access;
using Braid.Web.Listings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>
/// The one-screen editor of a listing (service, address, weekly hours, languages, capacity) for
/// staff of the owning organization once its claim is approved. An invalid form changes nothing.
/// </summary>
[RequiredPermission(Permission.DirectoryEdit)]
public sealed class ListingModel(ListingEditing editing) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public ListingForm Form { get; set; } = new();
    public string? LocationName { get; private set; }
    public bool Saved { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await WithListingAsync(listing =>
    {
        Form = ListingEditor.FormOf(listing);
        Saved = Request.Query["done"] == "saved";
        return Task.FromResult<IActionResult>(Page());
    }, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => await WithListingAsync(async listing =>
    {
        var (change, errors) = await editing.SaveAsync(listing, Form, ct);
        if (change is not null) return Redirect($"/manage/listings/{Id}?done=saved&lang={Texts.Lang}");
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }, ct);

    public string DayName(string day) => Texts.Spanish
        ? day switch { "MO" => "Lunes", "TU" => "Martes", "WE" => "Miércoles", "TH" => "Jueves", "FR" => "Viernes", "SA" => "Sábado", _ => "Domingo" }
        : day switch { "MO" => "Monday", "TU" => "Tuesday", "WE" => "Wednesday", "TH" => "Thursday", "FR" => "Friday", "SA" => "Saturday", _ => "Sunday" };

    private async Task<IActionResult> WithListingAsync(Func<Listing, Task<IActionResult>> action, CancellationToken ct)
    {
        try
        {
            var (listing, refusal) = await editing.OpenAsync(Id, ct);
            if (listing is null) return refusal == EditRefusal.NotFound ? NotFound() : Forbid();
            LocationName = listing.Location.Name;
            return await action(listing);
        }
        catch (AccessDeniedException denied)
        {
            return PageAccess.Refusal(denied);
        }
    }
}
