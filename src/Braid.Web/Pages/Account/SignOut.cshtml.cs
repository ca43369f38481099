using Braid.Data.Access;
using Braid.Data.Audit;
using Braid.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Account;

/// <summary>Signing out is a POST (with the anti-forgery token), so a link elsewhere cannot sign someone out.</summary>
[Public]
public sealed class SignOutModel(SignInManager<BraidUser> signIn, AccessControl access, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = await access.ActorAsync(ct);
        await signIn.SignOutAsync();
        await audit.AppendAsync(access.Entry(actor, "account.sign-out", "succeeded"), ct);
        return LocalRedirect("/");
    }
}
