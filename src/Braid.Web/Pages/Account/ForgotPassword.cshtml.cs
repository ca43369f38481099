using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Braid.Web.Pages.Account;

/// <summary>Emails a reset link. The page says the same whether or not the email has an account, so it cannot be used to find accounts.</summary>
[Public]
public sealed class ForgotPasswordModel(UserManager<BraidUser> users, IEmailSender<BraidUser> email, PublicSite site, UseCaseContext context) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email)) return BadRequest();
        if (await users.FindByEmailAsync(Email.Trim()) is { Email: { } address } user)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = site.Link($"/account/reset-password?email={Uri.EscapeDataString(address)}&token={token}");
            await email.SendPasswordResetLinkAsync(user, address, link);
            await context.RecordAsync(Actor.User(user.Id, context.CommunityId, []), "account.password-reset-requested", "link sent", ct: ct);
        }
        else
        {
            // Audited either way: an attempt on an unknown address is worth seeing, and the answer takes as long.
            await context.RecordAsync(Actor.Anonymous with { Id = "email:" + Email.Trim() }, "account.password-reset-requested", "no such account", ct: ct);
        }

        Sent = true;
        return Page();
    }
}
