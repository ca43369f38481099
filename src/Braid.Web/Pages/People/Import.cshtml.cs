using Braid.Application.People;
using Braid.Core.People;
using Braid.Interop.People;

namespace Braid.Web.Pages.People;

/// <summary>
/// Staff import people for their organization from a CSV file (a clinic's roster, intakes kept in a
/// spreadsheet). Each row is checked for likely duplicates as on the registration form; a row held
/// back is registered by importing it again with <c>confirmed_new</c> set to yes.
/// </summary>
[RequiredPermission(Permission.PersonWrite)]
public sealed class ImportModel(ImportPeople import, ICaller caller) : PageModel
{
    [BindProperty] public IFormFile? Data { get; set; }
    [BindProperty] public bool SkipInvalid { get; set; }

    public PeopleImport? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var organization = ServingOrganization.Of(await caller.ActorAsync(ct));
        PeopleFile file;
        if (Data is null || Data.Length == 0) file = new PeopleFile([], [new RowProblem(1, "file", new InputError("people-csv-choose-file"))]);
        else
        {
            using var reader = new StreamReader(Data.OpenReadStream());
            file = PeopleCsv.Read(reader);
        }

        Result = await import.RunAsync(organization, file, SkipInvalid, ct);
        if (!Result.Committed) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
