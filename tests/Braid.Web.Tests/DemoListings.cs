using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;

namespace Braid.Web.Tests;

/// <summary>Finds listings of the seeded demo community for tests to aim at.</summary>
public static class DemoListings
{
    /// <summary>
    /// The id of one service at a location of the organization, the same on every engine: of a
    /// service offered at that one location, when there is one (so a change to the service shows in one listing).
    /// </summary>
    public static async Task<string> OfAsync(BraidDbContext db, string organizationId)
    {
        var reader = new HsdsReader(db);
        var services = await reader.WhereInAsync("demo", HsdsModel.Table<Service>(), "organization_id", [organizationId]);
        var listings = (await reader.WhereInAsync("demo", HsdsModel.Table<ServiceAtLocation>(), "service_id", [.. services.Select(s => s.Id)]))
            .Cast<ServiceAtLocation>().OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
        return (listings.FirstOrDefault(l => listings.Count(o => o.ServiceId == l.ServiceId) == 1) ?? listings[0]).Id;
    }
}
