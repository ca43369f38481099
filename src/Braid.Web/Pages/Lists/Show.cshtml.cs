using Braid.Application.ResourceLists;

namespace Braid.Web.Pages.Lists;

/// <summary>A list just made: its short link, a printable page in the person's language, and sending it by email or text.</summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class ShowModel(ShareResourceList lists, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public string? To { get; set; }
    public ResourceListView? View { get; private set; }
    public string Link => lists.Link(Code);
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => (View = await lists.ReadAsync(Code, ct)) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (await lists.SendAsync(Code, To, ct) is not { } errors) return NotFound();
        if (errors.Count == 0) return Redirect($"/lists/{Code}?lang={Texts.Lang}&sent=1");
        Errors = texts.Errors(errors);
        View = await lists.ReadAsync(Code, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
