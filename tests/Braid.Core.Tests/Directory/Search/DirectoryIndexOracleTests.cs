using Braid.Core.Demo;
using Braid.Core.Directory;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Search;

namespace Braid.Core.Tests.Directory.Search;

/// <summary>The index must return exactly what a plain scan of every entry returns, in the documented order.</summary>
public sealed class DirectoryIndexOracleTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly DemoRegion Region = new("Test", "Baltimore", "MD", "America/New_York",
        [.. Enumerable.Range(0, 60).Select(i => new RegionTract($"t{i}", new GeoPoint(39.2 + (i % 10) * 0.018, -76.71 + (i / 10) * 0.03), $"N{i}"))],
        [new Place("21201", "zip", new GeoPoint(39.29, -76.62)), new Place("21217", "zip", new GeoPoint(39.31, -76.64))]);

    [Fact]
    public void Given_random_queries_Then_index_matches_a_brute_force_scan()
    {
        var data = new DemoCommunityGenerator(Region, seed: 7).Generate(3000, new DateOnly(2026, 11, 1), "c");
        var entries = DirectoryEntryBuilder.Build(data, Zone).ToList();
        var index = new DirectoryIndex(entries);
        Assert.True(index.Count > 3000);

        var rng = new Random(11);
        string[] words = ["food", "pantry", "legal", "rent", "free", "classes", "alimentaria", "hotline", "shelter", "zzz"];
        string[] languages = ["es", "Spanish", "ko", "am", "ase", "xx"];
        var checkedNonEmpty = 0;
        for (var i = 0; i < 2000; i++)
        {
            var query = new SearchQuery
            {
                Need = rng.Next(3) == 0 ? null : NeedDomains.All[rng.Next(NeedDomains.All.Count)].Code,
                Origin = rng.Next(4) == 0 ? null : new GeoPoint(39.2 + rng.NextDouble() * 0.18, -76.71 + rng.NextDouble() * 0.18),
                Language = rng.Next(3) == 0 ? languages[rng.Next(languages.Length)] : null,
                OpenNow = rng.Next(3) == 0,
                Text = rng.Next(4) == 0 ? words[rng.Next(words.Length)] : null,
                At = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero).AddMinutes(rng.Next(7 * 24 * 60)),
                Page = 1,
                PerPage = 100,
            };
            if (query.Origin is not null && rng.Next(3) > 0) query = query with { RadiusKm = 0.5 + rng.NextDouble() * 8 };

            var expected = Oracle(entries, query);
            var actual = index.Search(query);
            Assert.Equal(expected.Count, actual.TotalItems);
            Assert.Equal(expected.Take(100).Select(e => e.ServiceAtLocationId), actual.Hits.Select(h => h.Entry.ServiceAtLocationId));
            if (expected.Count > 0) checkedNonEmpty++;
        }

        Assert.True(checkedNonEmpty > 500, $"only {checkedNonEmpty} queries had results; the oracle test would be weak");
    }

    [Fact]
    public void Paging_returns_consecutive_slices_of_one_order()
    {
        var data = new DemoCommunityGenerator(Region, seed: 3).Generate(500, new DateOnly(2026, 11, 1), "c");
        var index = new DirectoryIndex(DirectoryEntryBuilder.Build(data, Zone));
        var q = new SearchQuery { Origin = new GeoPoint(39.29, -76.62), At = DateTimeOffset.UtcNow, PerPage = 100 };
        var all = index.Search(q with { PerPage = 100, Page = 1 }).Hits.Concat(index.Search(q with { Page = 2 }).Hits).Select(h => h.Entry.ServiceAtLocationId).ToList();
        var pages = Enumerable.Range(1, 10).SelectMany(p => index.Search(q with { PerPage = 20, Page = p }).Hits).Select(h => h.Entry.ServiceAtLocationId).ToList();
        Assert.Equal(all, pages);
    }

    /// <summary>The specification, written as a scan: filters, then relevance desc, distance asc, name, id.</summary>
    private static List<DirectoryEntry> Oracle(List<DirectoryEntry> entries, SearchQuery q)
    {
        var words = (q.Text ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var scored = new List<(DirectoryEntry E, int Score, double Distance)>();
        foreach (var e in entries)
        {
            var distance = q.Origin is { } o && e.Point is { } p ? o.DistanceKm(p) : double.MaxValue;
            if (q.RadiusKm is { } r && distance > r) continue;
            if (q.Need is { } n && !e.Terms.Any(t => t.Code == n)) continue;
            if (q.Language is { } l && !e.Languages.Any(x => string.Equals(x.Code, l, StringComparison.OrdinalIgnoreCase) || string.Equals(x.Name, l, StringComparison.OrdinalIgnoreCase))) continue;
            if (q.OpenNow && e.Hours.IsOpenAt(q.At) != true) continue;
            var score = 0;
            var all = true;
            foreach (var w in words)
            {
                var s = Words(e.ServiceName).Contains(w) ? 3
                    : Words(e.OrganizationName).Contains(w) || e.Terms.Any(t => Words(t.Name).Contains(w) || (NeedDomains.Find(t.Code ?? "") is { } d && (Words(d.English).Contains(w) || Words(d.Spanish).Contains(w)))) ? 2
                    : Words(e.ServiceDescription).Contains(w) ? 1 : 0;
                if (s == 0) { all = false; break; }
                score += s;
            }

            if (all) scored.Add((e, score, distance));
        }

        return [.. scored.OrderByDescending(x => x.Score).ThenBy(x => x.Distance)
            .ThenBy(x => x.E.ServiceName, StringComparer.Ordinal).ThenBy(x => x.E.ServiceAtLocationId, StringComparer.Ordinal).Select(x => x.E)];
    }

    private static string[] Words(string? text) =>
        (text ?? "").ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray() is var chars ? new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
}
