using Braid.Application.Partnership;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Learning;

/// <summary>The partnership's learning programs: the competency frameworks, every cohort, and participation and attendance by organization and by sector; leads start cohorts here.</summary>
[RequiredPermission(Permission.LearningRead)]
public sealed class IndexModel(LearningPrograms learning, Texts texts) : PageModel
{
    public LearningView View { get; private set; } = null!;
    public bool MayManage { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? name, string? framework, string? start, string? end, CancellationToken ct)
    {
        var (id, errors) = await learning.CreateCohortAsync(name, framework, FormDates.Parse(start), FormDates.Parse(end), ct);
        if (id is not null) return Redirect($"/learning/cohorts/{id}?lang={Texts.Lang}");
        Errors = texts.Errors(errors);
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await learning.OverviewAsync(ct);
        MayManage = await learning.MayLeadAsync(ct);
    }
}
