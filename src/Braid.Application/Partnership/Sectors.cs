using Braid.Core.Demo;
using Braid.Data;
using Braid.Data.Directory;

namespace Braid.Application.Partnership;

/// <summary>The Braid sectors organizations are placed in through their sector attribute (community-based organization, health care, …).</summary>
internal static class Sectors
{
    private static readonly Dictionary<string, string> CodeOfTerm = DemoCommunityGenerator.Sectors.ToDictionary(s => DemoCommunityGenerator.SectorTermId(s.Code), s => s.Code);

    public static IReadOnlyList<string> AllTerms => [.. CodeOfTerm.Keys];

    /// <summary>Each organization's sector code, among the ids given; those the directory places in none are left out.</summary>
    public static async Task<Dictionary<string, string>> OfAsync(BraidDbContext db, CommunityId community, IReadOnlyCollection<string> organizations, CancellationToken ct) =>
        (await new HsdsReader(db).SectorTermsOfAsync(community.Value, organizations, ct)).Where(t => CodeOfTerm.ContainsKey(t.Value)).ToDictionary(t => t.Key, t => CodeOfTerm[t.Value]);
}
