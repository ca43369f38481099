using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data.Directory;
using Braid.Data.Listings;

namespace Braid.Application.Listings;

/// <summary>A listing as its organization's staff see it in their list.</summary>
public sealed record OwnListing(string ServiceAtLocationId, string ServiceName, string? LocationName, string? LastVerified);

/// <summary>One of the signed-in person's organizations, its claim, and its listings once the claim is approved.</summary>
public sealed record OwnOrganization(string Id, string Name, bool IsAdmin, ClaimState? Claim, IReadOnlyList<OwnListing> Listings);

/// <summary>
/// What the staff page lists for the caller: each organization they work for, its claim, and the
/// listings they may edit; in a fixed number of queries however many organizations there are.
/// </summary>
public sealed class OwnListings(UseCaseContext context, ListingStore listings)
{
    public async Task<List<OwnOrganization>> RunAsync(CancellationToken ct = default)
    {
        var actor = await context.Caller.ActorAsync(ct);
        var community = context.CommunityId.Value;
        var own = actor.Memberships.Where(m => m.Role is Roles.OrgAdmin or Roles.CboStaff).GroupBy(m => m.OrganizationId.Value).ToList();
        var ids = own.Select(g => g.Key).ToList();
        var reader = new HsdsReader(context.Db);
        var names = await reader.OrganizationNamesAsync(community, ids, ct);
        var claims = await listings.ClaimStatesAsync(community, ids, ct);
        var approved = ids.Where(id => claims.TryGetValue(id, out var state) && state == ClaimState.Approved).ToList();
        var services = (await reader.WhereInAsync(community, HsdsModel.Table<Service>(), "organization_id", approved, ct)).Cast<Service>().ToDictionary(s => s.Id);
        var sals = (await reader.WhereInAsync(community, HsdsModel.Table<ServiceAtLocation>(), "service_id", services.Keys, ct)).Cast<ServiceAtLocation>().ToList();
        var locations = (await reader.WhereInAsync(community, HsdsModel.Table<Location>(), "id", [.. sals.Select(s => s.LocationId).OfType<string>().Distinct()], ct))
            .Cast<Location>().ToDictionary(l => l.Id);
        var byOrganization = sals.Select(s => (Sal: s, Service: services[s.ServiceId!])).ToLookup(x => x.Service.OrganizationId);
        return
        [
            .. own.Select(group => new OwnOrganization(group.Key, names.GetValueOrDefault(group.Key) ?? group.Key, group.Any(m => m.Role == Roles.OrgAdmin),
                claims.TryGetValue(group.Key, out var claim) ? claim : null,
                [
                    .. byOrganization[group.Key]
                        .Select(x => new OwnListing(x.Sal.Id, x.Service.Name ?? "", locations.GetValueOrDefault(x.Sal.LocationId ?? "")?.Name, x.Service.AssuredDate))
                        .OrderBy(l => l.ServiceName, StringComparer.CurrentCulture),
                ])),
        ];
    }
}
