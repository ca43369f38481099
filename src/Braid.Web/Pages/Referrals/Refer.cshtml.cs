using Braid.Application.Directory;
using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Core.Directory.Search;
using Braid.Core.Referrals;
using Braid.Web.Pages.People;

namespace Braid.Web.Pages.Referrals;

/// <summary>The referral form as posted.</summary>
public sealed class ReferForm
{
    public string? Service { get; set; }
    public string? Kind { get; set; }
    public string? ExternalOrganization { get; set; }
    public string? ExternalEmail { get; set; }
    public string? ExternalServiceName { get; set; }
    public string? Note { get; set; }

    /// <summary>Made when the form is shown: a second press of the button sends nothing twice.</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>
/// A navigator refers a person, for one of their needs, to a service matching it: directly to an
/// organization on Braid, as information the person acts on, or by secure link to one outside
/// Braid. What the person has not consented to share, or a referral still open for the same need
/// and service, is said plainly with the way forward.
/// </summary>
[RequiredPermission(Permission.ReferralWrite)]
public sealed class ReferModel(SendReferral send, SearchDirectory search, ReadPerson read, UseCaseContext context, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Need { get; set; } = "";

    /// <summary>The need's category, to list the services that meet it.</summary>
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty] public ReferForm Form { get; set; } = new();
    public SearchResults? Services { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public SendResult? Refused { get; private set; }

    /// <param name="service">A service chosen already (from a re-route suggestion).</param>
    /// <param name="ct">Cancels the request.</param>
    public async Task OnGetAsync(string? service, CancellationToken ct)
    {
        Form.IdempotencyKey = Guid.NewGuid().ToString();
        Form.Service = service;
        await ListServicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, InputError>();
        if (!Enum.TryParse<ReferralKind>(Form.Kind, out var kind) || !Enum.IsDefined(kind)) errors["kind"] = new InputError("choice-unknown", Form.Kind ?? "");
        if (errors.Count == 0)
        {
            var actor = await context.Caller.ActorAsync(ct);
            var result = await send.RunAsync(new ReferralRequest
            {
                Person = new PersonId(Id), Need = Need, Kind = kind, From = ServingOrganization.Of(actor),
                Service = string.IsNullOrWhiteSpace(Form.Service) ? null : new ServiceAtLocationId(Form.Service), ExternalOrganization = Form.ExternalOrganization,
                ExternalEmail = Form.ExternalEmail, ExternalServiceName = Form.ExternalServiceName, Note = Form.Note, IdempotencyKey = Form.IdempotencyKey,
            }, ct);
            if (result is null) return NotFound();
            if (result.Id is { } sent) return Redirect($"/referrals/{sent}?lang={Texts.Lang}");
            errors = new(result.Errors);
            Refused = result.Errors.Count == 0 ? result : null;
        }

        Errors = texts.Errors(errors);
        Response.StatusCode = Refused is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        await ListServicesAsync(ct);
        return Page();
    }

    private async Task ListServicesAsync(CancellationToken ct)
    {
        var query = new Dictionary<string, string?> { [SearchParameters.Need] = Category, [SearchParameters.PerPage] = "25" };
        var facts = await read.EligibilityFactsAsync(new PersonId(Id), ct);
        (Services, _, _) = await search.SearchAsync(new SearchInput(name => query.GetValueOrDefault(name)), ct, facts);
    }
}
