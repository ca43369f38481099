namespace Braid.Web.Pages.Account;

/// <summary>Staff sign-in: password, lockout after repeated failures, and the authenticator code when two-factor is on. Every attempt is audited.</summary>
[Public]
public sealed class SignInModel(UserManager<BraidUser> users, SignInManager<BraidUser> signIn, UseCaseContext context, Texts texts) : PageModel
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
            Problem = texts["required", string.IsNullOrWhiteSpace(Email) ? texts["email"] : texts["password"]];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        string outcome, problem;
        if (user is null)
        {
            (outcome, problem) = ("failed: unknown email", "bad-credentials");
        }
        else
        {
            var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
            var wrongCode = false;
            if (result.Succeeded && await users.GetTwoFactorEnabledAsync(user))
            {
                var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
                wrongCode = !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code);
                if (wrongCode) await users.AccessFailedAsync(user);
            }

            if (result.Succeeded && !wrongCode)
            {
                if (user.Language != Texts.Lang)
                {
                    user.Language = Texts.Lang;
                    await users.UpdateAsync(user);
                }

                await signIn.SignInAsync(user, isPersistent: false);
                await context.RecordAsync(Actor.User(user.Id, context.CommunityId, []), "account.sign-in", "succeeded", ct: ct);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            }

            (outcome, problem) = result.IsLockedOut ? ("locked out", "locked-out")
                : wrongCode ? ("failed: wrong authenticator code", "bad-code")
                : ("failed: wrong password", "bad-credentials");
        }

        Problem = texts[problem];
        await context.RecordAsync(user is null ? Actor.Anonymous with { Id = "email:" + Email.Trim() } : Actor.User(user.Id, context.CommunityId, []),
            "account.sign-in", outcome, ct: ct);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
