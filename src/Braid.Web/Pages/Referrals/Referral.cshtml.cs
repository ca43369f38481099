using Braid.Application.Referrals;
using Braid.Core.Referrals;

namespace Braid.Web.Pages.Referrals;

/// <summary>
/// One referral: what it is for and between whom, where it stands, its whole history, and what the
/// reader's side may do next (the receiving side accepts or declines with a reason, waitlists,
/// logs contact attempts, completes with the service delivered and whether the need was met; the
/// sending side may cancel). Every form carries the version it was read at: a change made meanwhile
/// by someone else is refused, never overwritten.
/// </summary>
[RequiredPermission(Permission.ReferralRead)]
public sealed class ReferralModel(ReadReferrals read, WorkReferral work, UseCaseContext context, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ReferralView? View { get; private set; }
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
        return View is null ? NotFound() : Page();
    }
}
