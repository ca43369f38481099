using Braid.Application.Directory;
using Braid.Application.ResourceLists;
using Braid.Core.Directory.Search;

namespace Braid.Web.Pages.Lists;

/// <summary>The services ticked on a search page, and the language to make the list in (<see cref="ShareResourceList"/>).</summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class NewModel(ShareResourceList lists, SearchDirectory directory, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sal")] public List<string> Services { get; set; } = [];
    [BindProperty] public string Language { get; set; } = Texts.Lang;
    public IReadOnlyList<DirectoryEntry> Picked { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await PickedAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (code, errors) = await lists.CreateAsync(Services, Language, Texts.Languages, ct);
        if (code is not null) return Redirect($"/lists/{code}?lang={Texts.Lang}");
        Errors = texts.Errors(errors);
        await PickedAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task PickedAsync(CancellationToken ct)
    {
        var index = (await directory.CurrentAsync(ct)).Index;
        Picked = [.. Services.Select(index.Find).OfType<DirectoryEntry>()];
    }
}
