using Braid.Application.Directory;
using Braid.Application.Referrals;
using Braid.Core.Directory.Search;
using Braid.Core.Referrals;

namespace Braid.Web.Pages.Referrals;

/// <summary>
/// One referral: what it is for and between whom, where it stands, its whole history, and what the
/// reader's side may do next (the receiving side accepts or declines with a reason, waitlists,
/// logs contact attempts, completes with the service delivered and whether the need was met; the
/// sending side may cancel). Every form carries the version it was read at: a change made meanwhile
/// by someone else is refused, never overwritten. When a referral was declined, cancelled or
/// failed, or went unanswered past its deadline, the sending side is offered the next services
/// that meet the need, to refer on.
/// </summary>
[RequiredPermission(Permission.ReferralRead)]
public sealed class ReferralModel(ReadReferrals read, WorkReferral work, SearchDirectory search, UseCaseContext context, Texts texts) : PageModel
{
    private const int Suggested = 3;

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ReferralView? View { get; private set; }

    /// <summary>Other services that meet the need, when the sending side should look elsewhere.</summary>
    public IReadOnlyList<DirectoryEntry> Reroutes { get; private set; } = [];
    public string? Error { get; private set; }

    private ReferralId Referral => new(Id);

    /// <summary>The statuses the reader's side may move the referral to, but completed (which has its own form).</summary>
    public IReadOnlyList<ReferralStatus> Moves => View is { Party: { } party } v
        ? [.. ReferralWorkflow.After(v.Referral.Status).Where(to => to is not (ReferralStatus.Completed or ReferralStatus.EnteredInError) && ReferralWorkflow.Refusal(v.Referral.Status, to, v.Referral.ActsAs(party)) is null)]
        : [];

    public bool MayComplete => View is { Party: { } party } v && ReferralWorkflow.Refusal(v.Referral.Status, ReferralStatus.Completed, v.Referral.ActsAs(party)) is null;

    /// <summary>Whether the reader works the referral for the receiving side (assign, log contact attempts).</summary>
    public bool Works => View is { Party: { } party } v && v.Referral.ActsAs(party).HasFlag(ReferralParty.Target)
        && v.Referral.Status is ReferralStatus.Accepted or ReferralStatus.InProgress or ReferralStatus.OnHold;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostMoveAsync(string? to, string? reason, string? note, int? position, int version, CancellationToken ct)
    {
        if (ReferralWorkflow.FromCode(to) is not { } status) return await InvalidAsync(new InputError("choice-unknown", to ?? ""), ct);
        ReferralReason? why = null;
        if (!string.IsNullOrEmpty(reason) && (why = ReferralReasons.FromCode(reason)) is null) return await InvalidAsync(new InputError("choice-unknown", reason), ct);
        return Done(await work.MoveAsync(Referral, status, why, note, position, version, ct: ct));
    }

    public async Task<IActionResult> OnPostCompleteAsync(string? service, string? needMet, string? note, int version, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(service)) return await InvalidAsync(new InputError("referral-service-delivered"), ct);
        if (!Enum.TryParse<NeedMet>(needMet, ignoreCase: true, out var met) || !Enum.IsDefined(met)) return await InvalidAsync(new InputError("choice-unknown", needMet ?? ""), ct);
        return Done(await work.CompleteAsync(Referral, new ServiceDelivered(null, service.Trim()), met, note, version, ct: ct));
    }

    public async Task<IActionResult> OnPostContactAsync(bool reached, string? note, int version, CancellationToken ct) =>
        Done(await work.LogContactAttemptAsync(Referral, reached, note, version, ct: ct));

    public async Task<IActionResult> OnPostResendLinkAsync(CancellationToken ct) =>
        await work.ResendLinkAsync(Referral, ct) is null ? NotFound() : Redirect($"/referrals/{Id}?lang={Texts.Lang}#links");

    /// <summary>Whether the sending side may send again the link the referral waits for.</summary>
    public bool MayResendLink => View is { Party: { } party } v && party.HasFlag(ReferralParty.Requester) && ReferralLinkRules.Awaited(v.Referral) is not null;

    public async Task<IActionResult> OnPostAssignToMeAsync(int version, CancellationToken ct) =>
        Done(await work.AssignAsync(Referral, (await context.Caller.ActorAsync(ct)).Id, version, ct: ct));

    private IActionResult Done(Core.Referrals.Referral? changed) => changed is null ? NotFound() : Redirect($"/referrals/{Id}?lang={Texts.Lang}");

    private async Task<IActionResult> InvalidAsync(InputError error, CancellationToken ct)
    {
        Error = texts.Error(error);
        var page = await ShowAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        View = await read.FindAsync(Referral, ct);
        if (View is null) return NotFound();
        var r = View.Referral;
        var elsewhere = r.Status is ReferralStatus.Rejected or ReferralStatus.Cancelled or ReferralStatus.Failed
            || View.Deadline is { Kind: DeadlineKind.Accept } due && due.IsMissed(context.Time.GetUtcNow());
        if (elsewhere && View.Party?.HasFlag(ReferralParty.Requester) == true)
        {
            var query = new Dictionary<string, string?> { [SearchParameters.Need] = r.Details.NeedCategory, [SearchParameters.PerPage] = "25" };
            var (found, _, _) = await search.SearchAsync(new SearchInput(name => query.GetValueOrDefault(name)), ct);
            Reroutes = [.. (found?.Hits ?? []).Select(h => h.Entry)
                .Where(e => e.ServiceAtLocationId != r.Details.Service?.Value && e.OrganizationId != r.Details.To?.Value).Take(Suggested)];
        }

        return Page();
    }
}
