using System.Security.Claims;
using Braid.Application.People;

namespace Braid.Web.Pages.Me;

/// <summary>The last step of signing up: a person who proved a new contact gives the name their record is to have.</summary>
[Public]
public sealed class WelcomeModel(PersonPortal portal, Texts texts) : PageModel
{
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    private string? SignUp => User.FindFirstValue(AccessSetup.SignUpClaim);

    public IActionResult OnGet() => SignUp is null ? Redirect("/me/sign-in?lang=" + Texts.Lang) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (SignUp is not { } signUp) return Redirect("/me/sign-in?lang=" + Texts.Lang);
        var (session, errors) = await portal.SignUpAsync(signUp, GivenName, FamilyName, Texts.Lang, ct);
        if (session is null)
        {
            (Errors, Response.StatusCode) = (texts.Errors(errors), StatusCodes.Status400BadRequest);
            return Page();
        }

        await CodeModel.SignInAsync(HttpContext, session);
        return Redirect("/me?lang=" + Texts.Lang);
    }
}
