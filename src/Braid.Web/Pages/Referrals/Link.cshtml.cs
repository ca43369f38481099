using Braid.Application.Referrals;
using Braid.Core.Referrals;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Referrals;

/// <summary>
/// Where an emailed referral link leads, for someone without an account: an organization not on
/// Braid accepts or declines the referral (seeing the person only as the referral shares them),
/// then closes it; a person says how an informational referral went, and what they thought of any
/// referral once it closed. The link's token is the
/// only credential: the page is never cached, and its answer is taken once.
/// </summary>
[Public]
public sealed class LinkModel(AnswerReferralLink links, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public LinkView? View { get; private set; }
    public bool Answered { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoStore();
        View = await links.OpenAsync(Token, ct);
        return View is null ? Unknown() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? status, string? reason, string? needMet, string? note, CancellationToken ct)
    {
        NoStore();
        if (ReferralWorkflow.FromCode(status) is not { } to) return await RefuseAsync(StatusCodes.Status400BadRequest, texts.Error(new InputError("link-choice-required")), ct);
        ReferralReason? why = null;
        if (!string.IsNullOrEmpty(reason) && (why = ReferralReasons.FromCode(reason)) is null)
            return await RefuseAsync(StatusCodes.Status400BadRequest, texts.Error(new InputError("choice-unknown", reason)), ct);
        if (note?.Trim().Length > SendReferral.MaxNote)
            return await RefuseAsync(StatusCodes.Status400BadRequest, texts.Error(new InputError("too-long", SendReferral.MaxNote, note.Trim().Length)), ct);
        NeedMet? met = null;
        if (!string.IsNullOrEmpty(needMet))
        {
            if (!Enum.TryParse<NeedMet>(needMet, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return await RefuseAsync(StatusCodes.Status400BadRequest, texts.Error(new InputError("choice-unknown", needMet)), ct);
            met = parsed;
        }

        try
        {
            View = await links.AnswerAsync(Token, new LinkAnswer(to, why, met, note), ct);
        }
        catch (DomainRuleException refused)
        {
            return await RefuseAsync(StatusCodes.Status409Conflict, refused.Message, ct);
        }

        if (View is null) return Unknown();
        Answered = true;
        return Page();
    }

    /// <summary>A person's feedback on a referral that closed, through the link sent to them then.</summary>
    public async Task<IActionResult> OnPostFeedbackAsync(CancellationToken ct)
    {
        NoStore();
        var (answers, errors) = FeedbackForm.Read(Request.Form);
        if (answers is null) return await RefuseAsync(StatusCodes.Status400BadRequest, string.Join(" ", texts.Errors(errors).SelectMany(e => e.Value)), ct);
        try
        {
            var (view, refused) = await links.GiveFeedbackAsync(Token, answers, ct);
            if (refused.Count > 0) return await RefuseAsync(StatusCodes.Status400BadRequest, string.Join(" ", texts.Errors(refused).SelectMany(e => e.Value)), ct);
            if (view is null) return Unknown();
            (View, Answered) = (view, true);
            return Page();
        }
        catch (DomainRuleException refused)
        {
            return await RefuseAsync(StatusCodes.Status409Conflict, refused.Message, ct);
        }
    }

    private async Task<IActionResult> RefuseAsync(int status, string error, CancellationToken ct)
    {
        View = await links.OpenAsync(Token, ct);
        if (View is null) return Unknown();
        (Error, Response.StatusCode) = (error, status);
        return Page();
    }

    private IActionResult Unknown()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    // The token in the address is the credential: no cache may keep the page it opens. A page with
    // the form has it from antiforgery already, which warns when it finds the header set before it.
    private void NoStore() => Response.OnStarting(() =>
    {
        if (Response.Headers.CacheControl.Count == 0) Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    });
}
