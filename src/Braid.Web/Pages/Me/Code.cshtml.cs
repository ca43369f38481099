using System.Security.Claims;
using Braid.Application.People;
using Braid.Core.People;
using Microsoft.AspNetCore.Authentication;

namespace Braid.Web.Pages.Me;

/// <summary>
/// Where the person types the code they were sent (or the one a navigator's invitation carried).
/// A right code signs them in, or, for a new contact, leads to their name; a wrong one says only
/// that it is not right, whatever the reason.
/// </summary>
[Public]
public sealed class CodeModel(PersonPortal portal, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Contact { get; set; }
    public string? Error { get; private set; }

    /// <summary>The contact as the page may show it back; null when it is not one.</summary>
    public string? Masked => PortalContact.Parse(Contact)?.Masked;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        if (PortalContact.Parse(Contact) is not { } contact) return Refuse(texts.Error(new InputError("portal-contact-invalid")));
        if (PortalCodes.Normalize(code) is null) return Refuse(texts.Error(new InputError("portal-code-format")));

        var result = await portal.VerifyAsync(contact, code!, ct);
        switch (result.Outcome)
        {
            case PortalCodeOutcome.SignedIn:
                await SignInAsync(HttpContext, result.Session!);
                return Redirect("/me?lang=" + Texts.Lang);
            case PortalCodeOutcome.NameNeeded:
                await HttpContext.SignInAsync(AccessSetup.PersonScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccessSetup.SignUpClaim, result.SignUp!)], AccessSetup.PersonScheme)));
                return Redirect("/me/welcome?lang=" + Texts.Lang);
            case PortalCodeOutcome.ContactTaken:
                return Refuse(texts.Error(new InputError("portal-contact-taken")), StatusCodes.Status409Conflict);
            default:
                return Refuse(texts.Error(new InputError("portal-code-wrong")));
        }
    }

    /// <summary>Starts a portal session in a fresh cookie (a new session id at every sign-in).</summary>
    internal static Task SignInAsync(HttpContext http, PortalSession session) =>
        http.SignInAsync(AccessSetup.PersonScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(AccessSetup.PersonClaim, session.Person.Value), new Claim(AccessSetup.ContactClaim, session.Contact), new Claim(AccessSetup.StampClaim, session.Stamp)],
            AccessSetup.PersonScheme)));

    private PageResult Refuse(string error, int status = StatusCodes.Status400BadRequest)
    {
        (Error, Response.StatusCode) = (error, status);
        return Page();
    }
}
