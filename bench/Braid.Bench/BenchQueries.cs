using Braid.Core.Demo;
using Braid.Core.Directory;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Search;

namespace Braid.Bench;

/// <summary>One benchmark query: what the index is asked, and the ZIP the navigator typed.</summary>
public sealed record BenchQuery(string Kind, SearchQuery Query, string Zip);

/// <summary>
/// A fixed, seeded mix of the searches navigators run: a need near a ZIP within a few kilometres,
/// narrowed by language, open now or words, and "nearest first" without a radius.
/// </summary>
public static class BenchQueries
{
    public static readonly string[] Words = ["food", "pantry", "rent", "legal", "shelter", "counseling", "rides", "diapers", "tax", "internet"];
    public static readonly string[] Languages = ["es", "zh", "ko", "fr", "ar", "vi"];

    public static IReadOnlyList<BenchQuery> Create(DemoRegion region, int count, DateTimeOffset at, int seed = 7)
    {
        var rng = new Random(seed);
        var queries = new List<BenchQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var zip = region.Zips[rng.Next(region.Zips.Count)];
            var need = NeedDomains.All[rng.Next(NeedDomains.All.Count)].Code;
            var baseQuery = new SearchQuery { Origin = zip.Point, At = at, PerPage = 20 };
            var roll = rng.NextDouble();
            var (kind, query) = roll switch
            {
                < 0.35 => ("need+radius", baseQuery with { Need = need, RadiusKm = 3 }),
                < 0.50 => ("need+radius+language", baseQuery with { Need = need, RadiusKm = 5, Language = Languages[rng.Next(Languages.Length)] }),
                < 0.70 => ("need+radius+open-now", baseQuery with { Need = need, RadiusKm = 5, OpenNow = true }),
                < 0.85 => ("text+radius", baseQuery with { Text = Words[rng.Next(Words.Length)], RadiusKm = 5 }),
                _ => ("need, nearest first", baseQuery with { Need = need }),
            };
            queries.Add(new BenchQuery(kind, query, zip.Id));
        }

        return queries;
    }
}
