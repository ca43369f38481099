using Braid.Core.Access;
using Braid.Data.Access;
using Braid.Data.Audit;
using Braid.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Account;

/// <summary>Staff sign-in: password, lockout after repeated failures, and the authenticator code when two-factor is on. Every attempt is audited.</summary>
[Public]
public sealed class SignInModel(UserManager<BraidUser> users, SignInManager<BraidUser> signIn, AccessControl access, AuditLog audit) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Problem = Texts.T("required", string.IsNullOrWhiteSpace(Email) ? Texts.T("email") : Texts.T("password"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        var outcome = "failed: unknown email";
        if (user is not null)
        {
            var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
            if (result.Succeeded && await users.GetTwoFactorEnabledAsync(user))
            {
                var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
                if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
                {
                    await users.AccessFailedAsync(user);
                    result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
                    outcome = "failed: wrong authenticator code";
                }
            }

            if (result.Succeeded)
            {
                await signIn.SignInAsync(user, isPersistent: false);
                await audit.AppendAsync(access.Entry(Actor.User(user.Id, access.CommunityId, []), "account.sign-in", "succeeded"), ct);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            }

            outcome = result.IsLockedOut ? "locked out" : outcome == "failed: unknown email" ? "failed: wrong password" : outcome;
            Problem = Texts.T(result.IsLockedOut ? "locked-out" : outcome.Contains("code", StringComparison.Ordinal) ? "bad-code" : "bad-credentials");
        }
        else
        {
            Problem = Texts.T("bad-credentials");
        }

        await audit.AppendAsync(access.Entry(user is null ? Actor.Anonymous with { Id = "email:" + Email.Trim() } : Actor.User(user.Id, access.CommunityId, []),
            "account.sign-in", outcome), ct);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
