using System.Globalization;
using Braid.Application.Partnership;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Partnership;

/// <summary>The partnership: its members by sector, its charter and agreements with how many members signed, and its decisions with the community input behind each; community administrators keep it here.</summary>
[RequiredPermission(Permission.GovernanceRead)]
public sealed class IndexModel(PartnershipGovernance governance, UseCaseContext context, Texts texts) : PageModel
{
    public GovernanceView View { get; private set; } = null!;
    public bool MayManage { get; private set; }
    public IReadOnlyList<(string Id, string Name)> Candidates { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string Today { get; private set; } = "";

    /// <summary>Which form the errors belong to, so it opens with them.</summary>
    public string? Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMemberAsync(string? role, string? organization, string? name, string? since, CancellationToken ct) =>
        await AfterAsync("member", await governance.AddMemberAsync(role, organization, name, FormDates.Parse(since), ct), ct);

    public async Task<IActionResult> OnPostDocumentAsync(string? kind, string? title, string? text, CancellationToken ct)
    {
        var (id, errors) = await governance.AddDocumentAsync(kind, title, text, ct);
        return id is not null ? Redirect($"/partnership/documents/{id}?lang={Texts.Lang}&done=published") : await AfterAsync("document", errors, ct);
    }

    public async Task<IActionResult> OnPostInputAsync(string? kind, string? title, string? heldOn, string? participants, string? summary, CancellationToken ct)
    {
        var unreadable = new Dictionary<string, InputError>();
        int? count = null;
        if (!string.IsNullOrWhiteSpace(participants))
        {
            if (int.TryParse(participants.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) count = n;
            else unreadable["participants"] = new InputError("number-invalid");
        }

        return await AfterAsync("input", await governance.AddInputAsync(kind, title, FormDates.Parse(heldOn), count, summary, unreadable, ct), ct);
    }

    public async Task<IActionResult> OnPostDecisionAsync(string? title, string? text, string? body, string? decidedOn, string[]? inputs, CancellationToken ct) =>
        await AfterAsync("decision", await governance.DecideAsync(title, text, body, FormDates.Parse(decidedOn), inputs ?? [], ct), ct);

    private async Task<IActionResult> AfterAsync(string form, IReadOnlyDictionary<string, InputError> errors, CancellationToken ct)
    {
        if (errors.Count == 0) return Redirect($"/partnership?lang={Texts.Lang}&done={form}#{form}s");
        Errors = texts.Errors(errors);
        Failed = form;
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await governance.OverviewAsync(ct);
        MayManage = await governance.MayManageAsync(ct);
        if (MayManage) Candidates = await governance.CandidatesAsync(ct);
        Today = DateOnly.FromDateTime((await context.LocalNowAsync(ct)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
