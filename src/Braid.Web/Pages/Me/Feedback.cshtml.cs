using Braid.Application.Referrals;
using Braid.Core.Referrals;
using Braid.Web.Pages.Shared;

namespace Braid.Web.Pages.Me;

/// <summary>A person says what they thought of a referral of theirs once it closed (<see cref="GiveFeedback"/>).</summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class FeedbackModel(GiveFeedback feedback, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public Referral? Referral { get; private set; }
    public bool Asks { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (answers, errors) = FeedbackForm.Read(Request.Form);
        IReadOnlyDictionary<string, InputError>? refused = errors;
        if (answers is not null)
        {
            try
            {
                refused = await feedback.GiveAsync(new ReferralId(Id), answers, ct);
            }
            catch (DomainRuleException)
            {
                refused = new Dictionary<string, InputError> { ["feedback"] = new InputError("feedback-not-asked") };
            }

            if (refused is null) return NotFound();
            if (refused.Count == 0) return Redirect($"/me?lang={Texts.Lang}&done=feedback#referral-{Id}");
        }

        Errors = texts.Errors(refused);
        var page = await ShowAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await feedback.AskAsync(new ReferralId(Id), ct) is not var (referral, asks)) return NotFound();
        (Referral, Asks) = (referral, asks);
        return Page();
    }
}
