namespace Braid.Web.Pages.Account;

/// <summary>Staff sign-in: password, lockout after repeated failures, and the authenticator code when two-factor is on. Every attempt is audited.</summary>
[Public]
public sealed class SignInModel(UserManager<BraidUser> users, SignInManager<BraidUser> signIn, IMailer mailer, UseCaseContext context, Texts texts) : PageModel
{
    /// <summary>A hash of a random password, checked when there is no account's own to check.</summary>
    private static readonly string Decoy = new PasswordHasher<BraidUser>().HashPassword(new BraidUser(), Secrets.NewSecret());

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    private void HashDecoy(string password) => users.PasswordHasher.VerifyHashedPassword(new BraidUser(), Decoy, password);

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
            // Hashing costs tens of milliseconds: an unknown email is hashed too, so the time taken does not tell which emails have accounts.
            HashDecoy(Password);
            (outcome, problem) = ("failed: unknown email", "bad-credentials");
        }
        else
        {
            var wasLocked = await users.IsLockedOutAsync(user);
            var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
            if (result.IsLockedOut && wasLocked) HashDecoy(Password); // Identity does not check the password of a locked account
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

            // The page does not say an account is locked (that would confirm it exists); its owner is told by email instead.
            if (!wasLocked && await users.IsLockedOutAsync(user) && user.Email is { } address)
            {
                var until = await users.GetLockoutEndDateAsync(user);
                await mailer.SendAsync(address, new EmailMessage("account-locked"), user.Language, $"account-locked-{user.Id}-{until?.ToUnixTimeSeconds()}");
            }

            (outcome, problem) = result.IsLockedOut ? ("locked out", "bad-credentials")
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
