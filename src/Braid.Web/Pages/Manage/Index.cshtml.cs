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
using Braid.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages.Manage;

/// <summary>A listing as its organization's staff see it in their list.</summary>
public sealed record OwnListing(string ServiceAtLocationId, string ServiceName, string? LocationName, string? LastVerified);

/// <summary>One of the signed-in person's organizations, its claim, and its listings once the claim is approved.</summary>
public sealed record OwnOrganization(string Id, string Name, bool IsAdmin, ClaimState? Claim, IReadOnlyList<OwnListing> Listings);

/// <summary>Staff of organizations that keep listings: claim them, open the editor, or confirm a listing is still accurate.</summary>
[Public, Authorize]
public sealed class IndexModel(UseCaseContext context, BraidDbContext db, ListingStore listings, RequestClaim requestClaim, EditListing editing, Texts texts) : PageModel
{
    public List<OwnOrganization> Organizations { get; } = [];
    public string? Message { get; private set; }
    public bool IsCommunityAdmin { get; private set; }
    public bool MayRunEquityReports { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Request.Query["done"] == "verified") Message = texts["confirmed"];
        var actor = await context.Caller.ActorAsync(ct);
        IsCommunityAdmin = actor.HasRole(Roles.CommunityAdmin);
        MayRunEquityReports = AccessPolicy.Decide(actor, Permission.EquityReport, context.CommunityId).Allowed;
        var own = actor.Memberships.Where(m => m.Role is Roles.OrgAdmin or Roles.CboStaff).GroupBy(m => m.OrganizationId.Value).ToList();
        var ids = own.Select(g => g.Key).ToList();
        // A fixed number of queries, however many organizations the person belongs to.
        var reader = new HsdsReader(db);
        var names = (await reader.WhereInAsync(context.CommunityId.Value, HsdsModel.Table<Organization>(), "id", ids, ct)).Cast<Organization>().ToDictionary(o => o.Id, o => o.Name);
        var claims = await listings.ClaimStatesAsync(context.CommunityId.Value, ids, ct);
        var approved = ids.Where(id => claims.TryGetValue(id, out var state) && state == ClaimState.Approved).ToList();
        var services = (await reader.WhereInAsync(context.CommunityId.Value, HsdsModel.Table<Service>(), "organization_id", approved, ct)).Cast<Service>().ToDictionary(s => s.Id);
        var sals = (await reader.WhereInAsync(context.CommunityId.Value, HsdsModel.Table<ServiceAtLocation>(), "service_id", services.Keys, ct)).Cast<ServiceAtLocation>().ToList();
        var locations = (await reader.WhereInAsync(context.CommunityId.Value, HsdsModel.Table<Location>(), "id", [.. sals.Select(s => s.LocationId).OfType<string>().Distinct()], ct))
            .Cast<Location>().ToDictionary(l => l.Id);
        var byOrganization = sals.Select(s => (Sal: s, Service: services[s.ServiceId!])).ToLookup(x => x.Service.OrganizationId);
        foreach (var group in own)
        {
            var listed = byOrganization[group.Key]
                .Select(x => new OwnListing(x.Sal.Id, x.Service.Name ?? "", locations.GetValueOrDefault(x.Sal.LocationId ?? "")?.Name, x.Service.AssuredDate))
                .OrderBy(l => l.ServiceName, StringComparer.CurrentCulture).ToList();
            Organizations.Add(new OwnOrganization(group.Key, names.GetValueOrDefault(group.Key) ?? group.Key, group.Any(m => m.Role == Roles.OrgAdmin),
                claims.TryGetValue(group.Key, out var claim) ? claim : null, listed));
        }
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
