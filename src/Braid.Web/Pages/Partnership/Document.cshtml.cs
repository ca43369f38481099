using System.Globalization;
using Braid.Application.Partnership;

namespace Braid.Web.Pages.Partnership;

/// <summary>A charter or data-sharing agreement: its current text, every version, who signed which, who must sign again; members sign here and community administrators publish the next version.</summary>
[RequiredPermission(Permission.GovernanceRead)]
public sealed class DocumentModel(PartnershipGovernance governance, Texts texts) : PageModel
{
    public DocumentView View { get; private set; } = null!;
    public bool MayManage { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(string id, string? version, string? member, string? signerName, string? signerTitle, CancellationToken ct) =>
        await AfterAsync(id, () => governance.SignAsync(id, int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null, member, signerName, signerTitle, ct), "signed", ct);

    public async Task<IActionResult> OnPostPublishAsync(string id, string? text, string? summary, CancellationToken ct) =>
        await AfterAsync(id, () => governance.PublishAsync(id, text, summary, ct), "published", ct);

    private async Task<IActionResult> AfterAsync(string id, Func<Task<IReadOnlyDictionary<string, InputError>>> change, string done, CancellationToken ct)
    {
        IReadOnlyDictionary<string, InputError> errors;
        try
        {
            errors = await change();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        if (errors.Count == 0) return Redirect($"/partnership/documents/{id}?lang={Texts.Lang}&done={done}");
        Errors = texts.Errors(errors);
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (await governance.DocumentAsync(id, ct) is not { } view) return false;
        View = view;
        MayManage = await governance.MayManageAsync(ct);
        return true;
    }
}
