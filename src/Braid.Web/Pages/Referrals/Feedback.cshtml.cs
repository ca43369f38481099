using Braid.Application.Referrals;
using Braid.Core.Referrals;

namespace Braid.Web.Pages.Referrals;

/// <summary>What the people an organization's referrals served said of its help, in aggregate only, with small numbers withheld.</summary>
[RequiredPermission(Permission.ReferralRead)]
public sealed class FeedbackModel(ReadFeedback read, UseCaseContext context) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Organization { get; set; }
    public IReadOnlyList<FeedbackFigure> Figures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if ((await ReferralDesk.ChooseAsync(context, Organization, ct)).Shown is not { } organization) return Forbid();
        Organization = organization.Value;
        Figures = await read.ForOrganizationAsync(organization, ct);
        return Page();
    }
}
