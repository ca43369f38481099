using Braid.Application.People;

namespace Braid.Web.Pages.People;

/// <summary>
/// A navigator registers a person for their organization. Likely duplicates are shown first, with
/// the fields that agreed; the navigator opens the existing record or confirms this is someone new.
/// </summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class NewModel(RegisterPerson register, ICaller caller, Texts texts) : PageModel
{
    [BindProperty] public PersonForm Form { get; set; } = new();
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<PossibleDuplicate> Duplicates { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (draft, unreadable) = Form.ToPerson();
        if (draft is null) return Invalid(unreadable);
        var actor = await caller.ActorAsync(ct);
        // Staff register for the organization they serve people in.
        var organization = actor.Memberships.FirstOrDefault(m => m.Role is Roles.Navigator or Roles.CboStaff or Roles.OrgAdmin)?.OrganizationId ?? actor.Memberships[0].OrganizationId;
        var registration = await register.RunAsync(organization, draft, Form.ConfirmedNew, ct);
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
