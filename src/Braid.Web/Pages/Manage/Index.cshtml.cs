using Braid.Application.Listings;
using Braid.Core.Listings;
using Microsoft.AspNetCore.Authorization;

namespace Braid.Web.Pages.Manage;

/// <summary>Staff of organizations that keep listings: claim them, open the editor, or confirm a listing is still accurate.</summary>
[Public, Authorize]
public sealed class IndexModel(UseCaseContext context, OwnListings own, RequestClaim requestClaim, EditListing editing, Texts texts) : PageModel
{
    public List<OwnOrganization> Organizations { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsCommunityAdmin { get; private set; }
    public bool MayRunEquityReports { get; private set; }
    public bool MayManageFunding { get; private set; }
    public bool MayReadFundingReports { get; private set; }
    public bool MayInvoice { get; private set; }
    public bool MayReadValueCurve { get; private set; }
    public bool MayReadMeasures { get; private set; }
    public bool MayReadGovernance { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Request.Query["done"] == "verified") Message = texts["confirmed"];
        var actor = await context.Caller.ActorAsync(ct);
        IsCommunityAdmin = actor.HasRole(Roles.CommunityAdmin);
        MayRunEquityReports = AccessPolicy.Decide(actor, Permission.EquityReport, context.CommunityId).Allowed;
        MayManageFunding = AccessPolicy.Decide(actor, Permission.FundingManage, context.CommunityId).Allowed;
        MayReadFundingReports = AccessPolicy.Decide(actor, Permission.FundingReport, context.CommunityId).Allowed;
        MayInvoice = AccessPolicy.Decide(actor, Permission.InvoiceSubmit, context.CommunityId).Allowed;
        MayReadValueCurve = AccessPolicy.Decide(actor, Permission.ValueCurveRead, context.CommunityId).Allowed;
        MayReadMeasures = AccessPolicy.Decide(actor, Permission.MeasureRead, context.CommunityId).Allowed;
        MayReadGovernance = AccessPolicy.Decide(actor, Permission.GovernanceRead, context.CommunityId).Allowed;
        Organizations = await own.RunAsync(ct);
    }

    public async Task<IActionResult> OnPostClaimAsync(string? organizationId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(organizationId)) return BadRequest();
        await requestClaim.RunAsync(new OrganizationId(organizationId), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostVerifyAsync(string serviceAtLocationId, CancellationToken ct)
    {
        return await editing.VerifyAsync(new ServiceAtLocationId(serviceAtLocationId), ct) switch
        {
            null => RedirectToPage(new { done = "verified" }),
            EditRefusal.NotFound => NotFound(),
            _ => Forbid(),
        };
    }
}
