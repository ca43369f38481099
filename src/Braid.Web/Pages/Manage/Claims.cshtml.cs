using Braid.Application;
using Braid.Application.Listings;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>A claim as the community administrator sees it: the organization's name and who asked or was approved, when.</summary>
public sealed record ClaimLine(ListingClaim Claim, string Name);

/// <summary>Community administrators approve or reject organizations' claims on their listings, and revoke approved ones.</summary>
[RequiredPermission(Permission.DirectoryClaimApprove)]
public sealed class ClaimsModel(UseCaseContext context, ListingStore listings, DecideClaim decide, BraidDbContext db) : PageModel
{
    public List<ClaimLine> Requested { get; } = [];
    public List<ClaimLine> Approved { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var requested = await listings.ClaimsAsync(context.CommunityId.Value, ClaimState.Requested, ct);
        var approved = await listings.ClaimsAsync(context.CommunityId.Value, ClaimState.Approved, ct);
        var ids = requested.Concat(approved).Select(c => c.Organization.Value).ToList();
        var names = (await new HsdsReader(db).WhereInAsync(context.CommunityId.Value, HsdsModel.Table<Organization>(), "id", ids, ct))
            .Cast<Organization>().ToDictionary(o => o.Id, o => o.Name ?? o.Id);
        ClaimLine Line(ListingClaim c) => new(c, names.GetValueOrDefault(c.Organization.Value, c.Organization.Value));
        Requested.AddRange(requested.Select(Line));
        Approved.AddRange(approved.Select(Line));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? organizationId, ClaimDecision? decision, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(organizationId) || decision is null) return BadRequest();
        return await decide.RunAsync(new OrganizationId(organizationId), decision.Value, ct) ? RedirectToPage() : NotFound();
    }
}
