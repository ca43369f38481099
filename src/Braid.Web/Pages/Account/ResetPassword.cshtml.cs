using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Braid.Web.Pages.Account;

/// <summary>Sets a new password from an emailed link; a successful reset also lifts a lockout.</summary>
[Public]
public sealed class ResetPasswordModel(UserManager<BraidUser> users, UseCaseContext context, IdentityErrorDescriber describer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Done { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        string? token = null;
        try
        {
            token = Token is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token));
        }
        catch (FormatException)
        {
        }

        var result = user is null || token is null
            ? IdentityResult.Failed(describer.InvalidToken())
            : await users.ResetPasswordAsync(user, token, Password ?? "");
        if (user is not null)
        {
            await context.RecordAsync(Actor.User(user.Id, context.CommunityId, []), "account.password-reset",
                result.Succeeded ? "succeeded" : "failed: " + string.Join("; ", result.Errors.Select(e => e.Code)), ct: ct);
        }

        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Description));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        Done = true;
        return Page();
    }
}
