using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Data.Directory;
using Braid.Data.People;
using Braid.Data.Region;
using Braid.Interop.Hsds;

namespace Braid.Application.Directory;

/// <summary>Imports an HSDS export into the community's directory (repairing what real 211 exports get wrong), or generates the demo community; each with its audit event.</summary>
public sealed class ImportDirectory(UseCaseContext context, DirectoryStore store)
{
    /// <summary>A location more than this far from every tract of the region is flagged (and kept).</summary>
    private const double RegionMarginKm = 50;

    public async Task<ImportReport> ImportAsync(string path, bool skipInvalid, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.DirectoryImport, ct: ct);
        var region = RegionData.Baltimore;
        await store.EnsureCommunityAsync(context.CommunityId.Value, context.CommunityId.Value, region.TimeZone, ct);
        var importer = new HsdsImporter(store, p => region.Tracts.Any(t => t.Point.DistanceKm(p) <= RegionMarginKm), context.Time);
        return await context.ChangeAsync(async audit =>
        {
            var result = await importer.ImportAsync(path, context.CommunityId.Value, skipInvalid, progress, ct);
            audit.Record(actor, "directory.import", result.Committed
                ? $"imported {result.Written} of {result.Read} records ({result.Format})"
                : $"rejected: {result.ErrorCount} errors in {result.Read} records", target: path);
            return result;
        }, ct);
    }

    /// <summary>Generates the demo community on the real Baltimore City tracts and stores it; returns the records written.</summary>
    public async Task<int> GenerateDemoAsync(int services, int seed, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.DirectoryImport, ct: ct);
        var region = RegionData.Baltimore;
        await store.EnsureCommunityAsync(context.CommunityId.Value, region.Name, region.TimeZone, ct);
        var data = new DemoCommunityGenerator(region, seed).Generate(services, DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime), context.CommunityId.Value);
        return await context.ChangeAsync(async audit =>
        {
            var written = await store.WriteAsync(context.CommunityId.Value, HsdsDatasetOrder.ParentsFirst(data), progress: progress, ct: ct);
            var population = DemoPeople.Generate(region, data, context.Time.GetUtcNow(), seed);
            await new PeopleStore(context.Db).AddPopulationAsync(context.CommunityId, population, context.Time.GetUtcNow(), ct);
            audit.Record(actor, "directory.demo", $"generated {services} services, {written} records, {population.People.Count} people");
            return written;
        }, ct);
    }
}
