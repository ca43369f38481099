using System.Globalization;
using Braid.Application.Partnership;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Partnership;

/// <summary>A charter or data-sharing agreement: its current text, every version, who signed which, who must sign again; members sign here and community administrators publish the next version.</summary>
[RequiredPermission(Permission.GovernanceRead)]
public sealed class DocumentModel(PartnershipGovernance governance, Texts texts) : FormPageModel(texts)
{
    public DocumentView View { get; private set; } = null!;
    public bool MayManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(string id, string? version, string? member, string? signerName, string? signerTitle, CancellationToken ct) =>
        await AfterAsync(() => governance.SignAsync(id, int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null, member, signerName, signerTitle, ct), "signed", () => LoadAsync(id, ct));

    public async Task<IActionResult> OnPostPublishAsync(string id, string? text, string? summary, CancellationToken ct) =>
        await AfterAsync(() => governance.PublishAsync(id, text, summary, ct), "published", () => LoadAsync(id, ct));

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (await governance.DocumentAsync(id, ct) is not { } view) return false;
        View = view;
        MayManage = await governance.MayManageAsync(ct);
        return true;
    }
}
