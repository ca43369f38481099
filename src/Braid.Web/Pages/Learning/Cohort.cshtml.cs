using Braid.Application.Partnership;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Learning;

/// <summary>
/// One cohort: its participants with their organizations and sectors, sessions and attendance,
/// mentoring and shadowing pairs, and reflections (each reader sees their own and those shared).
/// Participants reflect here; the program's leads add people and sessions, take attendance and pair.
/// </summary>
[RequiredPermission(Permission.LearningRead)]
public sealed class CohortModel(LearningPrograms learning, Texts texts) : FormPageModel(texts)
{
    public CohortView View { get; private set; } = null!;
    public IReadOnlyList<(string Id, string Name)> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostParticipantAsync(string id, string? user, CancellationToken ct) =>
        AfterAsync(() => learning.AddParticipantAsync(id, user, ct), "participant", () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostSessionAsync(string id, string? title, string? kind, string? heldOn, string[]? competencies, CancellationToken ct) =>
        AfterAsync(() => learning.AddSessionAsync(id, title, kind, FormDates.Parse(heldOn), competencies ?? [], ct), "session", () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostAttendanceAsync(string id, string? session, string[]? attended, CancellationToken ct) =>
        AfterAsync(() => learning.RecordAttendanceAsync(id, session, attended ?? [], ct), "attendance", () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostReflectAsync(string id, string? session, string? text, bool shared, CancellationToken ct) =>
        AfterAsync(() => learning.ReflectAsync(id, session, text, shared, ct), "reflection", () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostPairAsync(string id, string? kind, string? mentor, string? mentee, CancellationToken ct) =>
        AfterAsync(() => learning.PairAsync(id, kind, mentor, mentee, ct), "pairing", () => LoadAsync(id, ct));

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (await learning.CohortAsync(id, ct) is not { } view) return false;
        View = view;
        if (view.IsLead) Candidates = await learning.CandidatesAsync(id, ct);
        return true;
    }
}
