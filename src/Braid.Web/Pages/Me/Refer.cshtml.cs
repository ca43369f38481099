using Braid.Application.Referrals;

namespace Braid.Web.Pages.Me;

/// <summary>
/// A person asks a service for help themself, for a need they took up: the services of that need
/// that accept self-referrals, and what sending one shares with whom, said before it is sent.
/// </summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class ReferModel(ReferMyself refer, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Need { get; set; } = "";
    public SelfReferralChoice? Choice { get; private set; }
    public string? Error { get; private set; }
    public ReferralId? OpenDuplicate { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Choice = await refer.OptionsAsync(Need, ct);
        return Choice is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? service, CancellationToken ct)
    {
        Choice = await refer.OptionsAsync(Need, ct);
        if (Choice is null) return NotFound();
        if (string.IsNullOrEmpty(service)) Error = texts.Error(new InputError("referral-service-required"));
        else
        {
            var sent = await refer.RunAsync(Need, new ServiceAtLocationId(service), Texts.Lang, ct);
            if (sent is null) return NotFound();
            if (sent.Id is { } id) return Redirect($"/me?lang={Texts.Lang}#referral-{id}");
            OpenDuplicate = sent.OpenDuplicate;
            Error = sent.Errors.Count > 0 ? string.Join(" ", sent.Errors.Values.Select(texts.Error)) : sent.OpenDuplicate is not null ? texts["portal-referral-open"] : null;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
