using Braid.Application.Directory;
using Braid.Web.Directory;

namespace Braid.Web.Pages;

/// <summary>The home page: the search form.</summary>
[RequiredPermission(Permission.DirectoryRead)]
public sealed class IndexModel(SearchDirectory catalog, Texts texts) : PageModel
{
    public SearchForm Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Form = SearchForm.From(Request.Query, await catalog.CurrentAsync(ct), texts);
}
