using Braid.Core.Access;
using Braid.Web.Access;
using Braid.Core.Directory.Search;
using Braid.Web.Directory;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages;

/// <summary>One service at one location, as a person sees it.</summary>
[RequiredPermission(Permission.DirectoryRead)]
public sealed class ServiceModel(DirectoryCatalog catalog, TimeProvider time) : PageModel
{
    public DirectoryEntry? Entry { get; private set; }
    public bool? OpenNow { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        Entry = (await catalog.CurrentAsync(ct)).Index.Find(id);
        OpenNow = Entry?.Hours.IsOpenAt(time.GetUtcNow());
        if (Entry is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
