using Braid.Application.People;
using Braid.Core.People;

namespace Braid.Web.Pages.People;

/// <summary>
/// A navigator registers a person for their organization. Likely duplicates are shown first, with
/// the fields that agreed; the navigator opens the existing record or confirms this is someone new.
/// </summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class NewModel(RegisterPerson register, ICaller caller, Texts texts) : PageModel
{
    [BindProperty] public PersonEntry Form { get; set; } = new();

    /// <summary>The navigator saw the likely duplicates and says this is someone new.</summary>
    [BindProperty] public bool ConfirmedNew { get; set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<PossibleDuplicate> Duplicates { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (draft, unreadable) = Form.ToPerson();
        if (draft is null) return Invalid(unreadable);
        var registration = await register.RunAsync(ServingOrganization.Of(await caller.ActorAsync(ct)), draft, ConfirmedNew, ct);
        if (registration.Id is { } id) return Redirect($"/people/{id}?lang={Texts.Lang}");
        if (registration.Errors.Count > 0) return Invalid(registration.Errors);
        Duplicates = registration.Duplicates;
        return Page();
    }

    private PageResult Invalid(IReadOnlyDictionary<string, InputError> errors)
    {
        Errors = texts.Errors(errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
