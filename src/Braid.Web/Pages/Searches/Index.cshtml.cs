using Braid.Application.Directory;
using Braid.Core.Directory.Search;

namespace Braid.Web.Pages.Searches;

/// <summary>A staff member's saved searches: run one again, remove one, or save the search the results page sends.</summary>
[RequiredPermission(Permission.SavedSearches)]
public sealed class IndexModel(SaveSearches searches, Texts texts) : PageModel
{
    public IReadOnlyList<SavedSearch> Mine { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Mine = await searches.MineAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = await searches.SaveAsync(Request.Form["name"], Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())), ct);
        if (errors.Count == 0) return Redirect($"/searches?lang={Texts.Lang}&done=saved");
        Errors = texts.Errors(errors);
        Mine = await searches.MineAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken ct) =>
        await searches.RemoveAsync(id, ct) ? Redirect($"/searches?lang={Texts.Lang}&done=removed") : NotFound();
}
