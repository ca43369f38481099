using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Web.Access;
using Braid.Web.Listings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>A listing as its organization's staff see it in their list.</summary>
public sealed record OwnListing(string ServiceAtLocationId, string ServiceName, string? LocationName, string? LastVerified);

/// <summary>One of the signed-in person's organizations, its claim, and its listings once the claim is approved.</summary>
public sealed record OwnOrganization(string Id, string Name, bool IsAdmin, string? ClaimStatus, IReadOnlyList<OwnListing> Listings);

/// <summary>Staff of organizations that keep listings: claim them, open the editor, or confirm a listing is still accurate.</summary>
[Public, Authorize]
public sealed class IndexModel(AccessControl access, BraidDbContext db, ListingStore listings, ListingEditing editing) : PageModel
{
    public List<OwnOrganization> Organizations { get; } = [];
    public string? Message { get; private set; }
    public bool IsCommunityAdmin { get; private set; }
    public bool MayRunEquityReports { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Request.Query["done"] == "verified") Message = Texts.T("confirmed");
        var actor = await access.ActorAsync(ct);
        IsCommunityAdmin = actor.HasRole(Roles.CommunityAdmin);
        MayRunEquityReports = AccessPolicy.Decide(actor, Permission.EquityReport, access.CommunityId).Allowed;
        var reader = new HsdsReader(db);
        foreach (var group in actor.Memberships.Where(m => m.Role is Roles.OrgAdmin or Roles.CboStaff).GroupBy(m => m.OrganizationId))
        {
            var org = (await reader.WhereInAsync(access.CommunityId, HsdsModel.Table<Organization>(), "id", [group.Key], ct)).Cast<Organization>().FirstOrDefault();
            var claim = await listings.ClaimAsync(access.CommunityId, group.Key, ct);
            var own = new List<OwnListing>();
            if (claim?.Status == ClaimStatus.Approved)
            {
                var services = (await reader.WhereInAsync(access.CommunityId, HsdsModel.Table<Service>(), "organization_id", [group.Key], ct)).Cast<Service>().ToDictionary(s => s.Id);
                var sals = (await reader.WhereInAsync(access.CommunityId, HsdsModel.Table<ServiceAtLocation>(), "service_id", services.Keys, ct)).Cast<ServiceAtLocation>().ToList();
                var locations = (await reader.WhereInAsync(access.CommunityId, HsdsModel.Table<Location>(), "id", [.. sals.Select(s => s.LocationId).OfType<string>().Distinct()], ct))
                    .Cast<Location>().ToDictionary(l => l.Id);
                own.AddRange(sals.Select(s => new OwnListing(s.Id, services[s.ServiceId!].Name ?? "", locations.GetValueOrDefault(s.LocationId ?? "")?.Name, services[s.ServiceId!].AssuredDate))
                    .OrderBy(l => l.ServiceName, StringComparer.CurrentCulture));
            }

            Organizations.Add(new OwnOrganization(group.Key, org?.Name ?? group.Key, group.Any(m => m.Role == Roles.OrgAdmin), claim?.Status, own));
        }
    }

    public async Task<IActionResult> OnPostClaimAsync(string? organizationId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(organizationId)) return BadRequest();
        if (await this.DenyUnlessAsync(access, Permission.DirectoryClaim, organizationId, "organization:" + organizationId) is { } denied) return denied;
        var actor = await access.ActorAsync(ct);
        await listings.RequestClaimAsync(access.CommunityId, organizationId, actor.Id,
            access.Entry(actor, "directory.claim", "requested", organizationId, "organization:" + organizationId), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostVerifyAsync(string serviceAtLocationId, CancellationToken ct)
    {
        try
        {
            var (listing, refusal) = await editing.OpenAsync(serviceAtLocationId, ct);
            if (listing is null) return refusal == EditRefusal.NotFound ? NotFound() : Forbid();
            await editing.VerifyAsync(listing, ct);
            return RedirectToPage(new { done = "verified" });
        }
        catch (AccessDeniedException denied)
        {
            return PageAccess.Refusal(denied);
        }
    }
}
