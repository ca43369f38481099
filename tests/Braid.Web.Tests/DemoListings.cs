using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;

namespace Braid.Web.Tests;

/// <summary>Finds listings of the seeded demo community for tests to aim at.</summary>
public static class DemoListings
{
    /// <summary>The id of one service at a location of the organization.</summary>
    public static async Task<string> OfAsync(BraidDbContext db, string organizationId)
    {
        var reader = new HsdsReader(db);
        var services = await reader.WhereInAsync("demo", HsdsModel.Table<Service>(), "organization_id", [organizationId]);
        return (await reader.WhereInAsync("demo", HsdsModel.Table<ServiceAtLocation>(), "service_id", [.. services.Select(s => s.Id)])).First().Id;
    }
}
