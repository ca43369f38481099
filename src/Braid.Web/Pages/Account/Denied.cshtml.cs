namespace Braid.Web.Pages.Account;

/// <summary>Where a signed-in person lands when a page is not theirs to see.</summary>
[Public]
public sealed class DeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
