namespace Braid.Web.Pages.Account;

/// <summary>Signing out is a POST (with the anti-forgery token), so a link elsewhere cannot sign someone out; it ends every session of the account.</summary>
[Public]
public sealed class SignOutModel(SignInManager<BraidUser> signIn, UserManager<BraidUser> users, UseCaseContext context) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = await context.Caller.ActorAsync(ct);
        // A new security stamp invalidates every cookie issued before, so a copied cookie stops
        // working now; the stamp is checked on every request (AccessSetup).
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        await context.RecordAsync(actor, "account.sign-out", "succeeded", ct: ct);
        return LocalRedirect("/");
    }
}
