using Microsoft.AspNetCore.Authorization;

namespace Braid.Web.Pages.Account;

/// <summary>A signed-in staff member turns the authenticator (TOTP, RFC 6238) second step on or off.</summary>
[Public, Authorize]
public sealed class SecurityModel(UserManager<BraidUser> users, SignInManager<BraidUser> signIn, UseCaseContext context, Texts texts) : PageModel
{
    public bool Enabled { get; private set; }
    public string? Key { get; private set; }
    public string? Uri { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostEnableAsync(string? code, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, (code ?? "").Replace(" ", "", StringComparison.Ordinal)))
        {
            Problem = texts["bad-code"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        await context.RecordAsync(await context.Caller.ActorAsync(ct), "account.two-factor", "enabled", ct: ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await context.RecordAsync(await context.Caller.ActorAsync(ct), "account.two-factor", "disabled", ct: ct);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (!Enabled)
        {
            Key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(Key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                // A new key changes the security stamp, which ends every session (AccessSetup); this one goes on.
                await signIn.RefreshSignInAsync(user);
                Key = await users.GetAuthenticatorKeyAsync(user);
            }

            Uri = $"otpauth://totp/Braid:{System.Uri.EscapeDataString(user.Email ?? user.Id)}?secret={Key}&issuer=Braid&digits=6";
        }

        return Page();
    }
}
