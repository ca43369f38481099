using Braid.Application.People;
using Braid.Core.People;
using Microsoft.AspNetCore.Authentication;

namespace Braid.Web.Pages.Me;

/// <summary>
/// A person asks for their data to be deleted (<see cref="EraseOwnRecord"/>): the page shows what
/// goes and what the community keeps, until when and why, before they confirm; once it is done
/// they are signed out and see what was kept.
/// </summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class DeleteModel(EraseOwnRecord erase, Texts texts) : PageModel
{
    public ErasurePlan? Plan { get; private set; }
    public bool Done { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Plan = await erase.PlanAsync(ct);
        return Plan is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            Error = texts.Error(new InputError("erasure-not-confirmed"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(ct);
        }

        Plan = await erase.ConfirmAsync(ct);
        if (Plan is null) return NotFound();
        await HttpContext.SignOutAsync(AccessSetup.PersonScheme);
        Done = true;
        return Page();
    }
}
