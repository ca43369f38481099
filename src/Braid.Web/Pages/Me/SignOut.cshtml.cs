using System.Security.Claims;
using Braid.Application.People;
using Microsoft.AspNetCore.Authentication;

namespace Braid.Web.Pages.Me;

/// <summary>Signing out of the portal ends every session of the account, on every device.</summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class SignOutModel(PersonPortal portal) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await portal.SignOutAsync(User.FindFirstValue(AccessSetup.ContactClaim) ?? "", ct);
        await HttpContext.SignOutAsync(AccessSetup.PersonScheme);
        return Redirect("/me/sign-in?lang=" + Texts.Lang);
    }
}
