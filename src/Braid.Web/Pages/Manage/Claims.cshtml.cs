using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>Community administrators approve or refuse organizations' claims on their listings.</summary>
[RequiredPermission(Permission.DirectoryClaimApprove)]
public sealed class ClaimsModel(AccessControl access, ListingStore listings, BraidDbContext db) : PageModel
{
    public List<(ListingClaimRow Claim, string Name)> Pending { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var claims = await listings.ClaimsAsync(access.CommunityId, ClaimStatus.Pending, ct);
        var names = (await new HsdsReader(db).WhereInAsync(access.CommunityId, HsdsModel.Table<Organization>(), "id", [.. claims.Select(c => c.OrganizationId)], ct))
            .Cast<Organization>().ToDictionary(o => o.Id, o => o.Name ?? o.Id);
        Pending.AddRange(claims.Select(c => (c, names.GetValueOrDefault(c.OrganizationId, c.OrganizationId))));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string organizationId, bool approve, CancellationToken ct)
    {
        if (await this.DenyUnlessAsync(access, Permission.DirectoryClaimApprove, target: "organization:" + organizationId) is { } denied) return denied;
        var actor = await access.ActorAsync(ct);
        var decided = await listings.DecideClaimAsync(access.CommunityId, organizationId, approve, actor.Id,
            access.Entry(actor, "directory.claim-decision", approve ? "approved" : "refused", organizationId, "organization:" + organizationId), ct);
        return decided ? RedirectToPage() : NotFound();
    }
}
