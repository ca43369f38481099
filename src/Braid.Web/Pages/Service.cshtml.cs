using Braid.Application.Directory;
using Braid.Core.Directory.Search;

namespace Braid.Web.Pages;

/// <summary>One service at one location, as a person sees it.</summary>
[RequiredPermission(Permission.DirectoryRead)]
public sealed class ServiceModel(SearchDirectory catalog, TimeProvider time, Texts texts) : PageModel
{
    public DirectoryEntry? Entry { get; private set; }
    public bool? OpenNow { get; private set; }
    public DateOnly Today { get; private set; }

    public string Verified(string assuredDate) => texts.Verified(assuredDate, Today);

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        var snapshot = await catalog.CurrentAsync(ct);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), snapshot.Zone).DateTime);
        Entry = snapshot.Index.Find(id);
        OpenNow = Entry?.Hours.IsOpenAt(time.GetUtcNow());
        if (Entry is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
