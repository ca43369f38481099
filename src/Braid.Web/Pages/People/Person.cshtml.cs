using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Core.People;
using Braid.Core.Screening;

namespace Braid.Web.Pages.People;

/// <summary>
/// A person's page: their ranked needs first (each accepted one may be referred), their referrals, goals, screenings, consents and the log of who read
/// their data, each part shown only as far as their consents and the reader's role allow. Without
/// consent, a navigator or CBO worker may break the glass in an emergency, giving a reason.
/// </summary>
[RequiredPermission(Permission.PersonRead)]
public sealed class PersonModel(ReadPerson read, PrioritizeNeeds needs, ScreenPerson screen, RecordConsent consents, MergePeople merge, ReadReferrals referrals, PersonPortal portal, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public PersonRecord? Record { get; private set; }
    public IReadOnlyList<ReferralView> Referrals { get; private set; } = [];
    public string? Denied { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    private PersonId Person => new(Id);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(null, ct);

    public async Task<IActionResult> OnPostBreakGlassAsync(string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Error = texts["error-break-glass-reason"];
            return await ShowAsync(null, ct);
        }

        return await ShowAsync(reason, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(string need, bool accept, CancellationToken ct) => Done(await needs.DecideAsync(Person, need, accept, ct));

    public async Task<IActionResult> OnPostRankAsync(List<string> order, CancellationToken ct) => Done(await needs.RankAsync(Person, order, ct));

    public async Task<IActionResult> OnPostAddNeedAsync(string? category, CancellationToken ct) => await Result((await needs.AddAsync(Person, category ?? "", ct)).Error, ct);

    public async Task<IActionResult> OnPostGoalAsync(string? text, string? need, CancellationToken ct) =>
        await Result((await needs.SetGoalAsync(Person, text ?? "", string.IsNullOrEmpty(need) ? null : need, ct)).Error, ct);

    public async Task<IActionResult> OnPostGoalStatusAsync(string goal, string? status, CancellationToken ct) =>
        Enum.TryParse<GoalAchievement>(status, out var achievement) && Enum.IsDefined(achievement)
            ? Done(await needs.RecordGoalAsync(Person, goal, achievement, ct))
            : await Result(new InputError("choice-unknown", status ?? ""), ct);

    public async Task<IActionResult> OnPostRevokeAsync(string consent, CancellationToken ct) => Done(await consents.RevokeAsync(Person, new ConsentId(consent), ct));

    /// <param name="instrument">Which screening.</param>
    /// <param name="language">The language the questions are asked in (the person's, when Braid has it), whatever the page's.</param>
    /// <param name="ct">Cancels the request.</param>
    public async Task<IActionResult> OnPostScreenAsync(string? instrument, string? language, CancellationToken ct)
    {
        var (screening, error) = await screen.StartAsync(Person, instrument ?? "", language is "es" ? "es" : language is "en" ? "en" : Texts.Lang, ct);
        return screening is null ? await Result(error, ct) : Redirect($"/people/{Id}/screenings/{screening}?lang={Texts.Lang}");
    }

    public async Task<IActionResult> OnPostMergeAsync(string? duplicate, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(duplicate) ? await Result(new InputError("merge-unknown", ""), ct)
        : await merge.MergeAsync(new PersonId(duplicate.Trim()), Person, ct) ? Done(true) : await Result(new InputError("merge-unknown", duplicate), ct);

    /// <summary>Sends the person a code to take over their own record on the portal (to the contact on file).</summary>
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var sentTo = await portal.InviteAsync(Person, ct);
        Notice = sentTo is null ? texts["portal-invite-no-contact"] : texts["portal-invited", sentTo];
        return await ShowAsync(null, ct);
    }

    public async Task<IActionResult> OnPostUnmergeAsync(string duplicate, CancellationToken ct) => Done(await merge.UnmergeAsync(new PersonId(duplicate), Person, ct));

    private IActionResult Done(bool found) => found ? Redirect($"/people/{Id}?lang={Texts.Lang}") : NotFound();

    private async Task<IActionResult> Result(InputError? error, CancellationToken ct)
    {
        if (error is null) return Done(true);
        Error = texts.Error(error);
        var page = await ShowAsync(null, ct);
        if (Denied is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync(string? breakGlassReason, CancellationToken ct)
    {
        try
        {
            Record = await read.RunAsync(Person, "page", Purpose.CareCoordination, breakGlassReason, ct);
        }
        catch (AccessDeniedException denied) when (denied.Actor.Kind == ActorKind.User)
        {
            // Already audited. The page offers to break the glass to those who may.
            Denied = denied.Decision.Reason;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (Record is null) return NotFound();
        Referrals = await referrals.ForPersonAsync(Person, ct);
        return Page();
    }

    /// <summary>The accepted needs' order with one need moved up a place, for its "move up" button.</summary>
    public static List<string> MovedUp(IReadOnlyList<Need> needs, Need need)
    {
        var order = needs.Where(n => n.Status == NeedStatus.Accepted).OrderBy(n => n.Rank).Select(n => n.Id).ToList();
        var i = order.IndexOf(need.Id);
        if (i > 0) (order[i - 1], order[i]) = (order[i], order[i - 1]);
        return order;
    }

    public static IReadOnlyList<Instrument> InstrumentsOffered => Instruments.All;

    /// <summary>An enum value as resource keys name it: InterpersonalSafety → interpersonal-safety.</summary>
    public static string Kebab<T>(T value) where T : struct, Enum => Braid.Data.People.PeopleStore.Name(value);
}
