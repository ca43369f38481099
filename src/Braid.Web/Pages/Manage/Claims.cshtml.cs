using Braid.Application.Listings;

namespace Braid.Web.Pages.Manage;

/// <summary>Community administrators approve or reject organizations' claims on their listings, and revoke approved ones.</summary>
[RequiredPermission(Permission.DirectoryClaimApprove)]
public sealed class ClaimsModel(DecideClaim decide) : PageModel
{
    public List<ClaimLine> Requested { get; private set; } = [];
    public List<ClaimLine> Approved { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        (Requested, Approved) = await decide.ClaimsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? organizationId, ClaimDecision? decision, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(organizationId) || decision is null) return BadRequest();
        return await decide.RunAsync(new OrganizationId(organizationId), decision.Value, ct) ? RedirectToPage() : NotFound();
    }
}
