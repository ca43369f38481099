using Braid.Application.People;
using Braid.Core.People;

namespace Braid.Web.Pages.Me;

/// <summary>
/// The door to a person's own record: they type their email address or phone number and a code is
/// sent there. Whether an account has that contact is never shown: the next page reads the same.
/// </summary>
[Public]
public sealed class SignInModel(PersonPortal portal, Texts texts) : PageModel
{
    [BindProperty] public string? Contact { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (PortalContact.Parse(Contact) is not { } contact)
        {
            (Error, Response.StatusCode) = (texts.Error(new InputError("portal-contact-invalid")), StatusCodes.Status400BadRequest);
            return Page();
        }

        await portal.RequestCodeAsync(contact, Texts.Lang, ct);
        return Redirect($"/me/code?contact={Uri.EscapeDataString(Contact!.Trim())}&lang={Texts.Lang}");
    }
}
