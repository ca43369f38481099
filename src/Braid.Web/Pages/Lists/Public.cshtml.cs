using Braid.Application.ResourceLists;

namespace Braid.Web.Pages.Lists;

/// <summary>The list behind a short link, for the person it was made for: in their language, ready to print, no sign-in.</summary>
[RequiredPermission(Permission.DirectoryRead)]
public sealed class PublicModel(ShareResourceList lists) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public ResourceListView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if ((View = await lists.ReadAsync(Code, ct)) is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        // The short link carries no language: the list opens in the one it was made in.
        return Request.Query.ContainsKey("lang") ? Page() : Redirect($"/l/{Code}?lang={View.List.Language}");
    }
}
