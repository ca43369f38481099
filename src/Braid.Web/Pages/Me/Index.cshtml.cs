using System.Security.Claims;
using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Core.People;

namespace Braid.Web.Pages.Me;

/// <summary>
/// A person's own record, as they see it on their portal, where they steer it: accept or reject
/// the needs a screening proposed, say what else they need, put them in their own order, ask a
/// service for help themself, set goals in their own words,
/// screen themself, and revoke a consent they gave.
/// </summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class IndexModel(ReadOwnRecord read, PrioritizeNeeds needs, RecordConsent consents, ScreenPerson screen, ReferMyself refer, Texts texts) : PageModel
{
    public OwnRecord? Record { get; private set; }
    public string? Error { get; private set; }

    private PersonId Me => new(User.FindFirstValue(AccessSetup.PersonClaim)!);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostDecideAsync(string need, bool accept, CancellationToken ct) => Done(await needs.DecideAsync(Me, need, accept, ct));

    /// <summary>The person says, in their own words, what they need help with: a need they take up at once.</summary>
    public async Task<IActionResult> OnPostAddNeedAsync(string? category, CancellationToken ct)
    {
        var error = (await needs.AddAsync(Me, category ?? "", ct)).Error;
        return error is null ? Done(true) : await RefuseAsync(error, ct);
    }

    public async Task<IActionResult> OnPostRankAsync(List<string> order, CancellationToken ct) => Done(await needs.RankAsync(Me, order, ct));

    /// <summary>Starts a screening of oneself, asked in the page's language.</summary>
    public async Task<IActionResult> OnPostScreenAsync(string? instrument, CancellationToken ct)
    {
        var (screening, error) = await screen.StartAsync(Me, instrument ?? "", Texts.Lang, ct);
        if (screening is not null) return Redirect($"/me/screenings/{screening}?lang={Texts.Lang}");
        return await RefuseAsync(error!, ct);
    }

    public async Task<IActionResult> OnPostGoalAsync(string? text, string? need, CancellationToken ct)
    {
        var error = (await needs.SetGoalAsync(Me, text ?? "", string.IsNullOrEmpty(need) ? null : need, ct)).Error;
        return error is null ? Done(true) : await RefuseAsync(error, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string consent, CancellationToken ct) => Done(await consents.RevokeAsync(Me, new ConsentId(consent), ct));

    /// <summary>The person withdraws a request for help they sent themself.</summary>
    public async Task<IActionResult> OnPostCancelAsync(string referral, CancellationToken ct) =>
        await refer.CancelAsync(new ReferralId(referral), ct) is null ? NotFound() : Redirect($"/me?lang={Texts.Lang}#referral-{referral}");

    private async Task<IActionResult> RefuseAsync(InputError error, CancellationToken ct)
    {
        Error = texts.Error(error);
        var page = await ShowAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private IActionResult Done(bool found) => found ? Redirect("/me?lang=" + Texts.Lang) : NotFound();

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Record = await read.RunAsync(ct: ct);
        return Record is null ? NotFound() : Page();
    }
}
