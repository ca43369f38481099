using System.Globalization;
using Braid.Application.People;

namespace Braid.Web.Pages.People;

/// <summary>Navigators look a person up by name, date of birth or phone; typos, nicknames and swapped dates still find them.</summary>
[RequiredPermission(Permission.PersonRead)]
public sealed class IndexModel(FindPeople find) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true, Name = "birth_date")] public string? BirthDate { get; set; }
    [BindProperty(SupportsGet = true)] public string? Phone { get; set; }
    public IReadOnlyList<PersonMatch>? Found { get; private set; }
    public bool BadDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        DateOnly? born = null;
        if (!string.IsNullOrWhiteSpace(BirthDate))
        {
            if (DateOnly.TryParseExact(BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) born = d;
            else BadDate = true;
        }

        if (BadDate)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(Name) || born is not null || !string.IsNullOrWhiteSpace(Phone)) Found = await find.RunAsync(Name, born, Phone, ct);
        return Page();
    }
}
