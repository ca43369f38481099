using Braid.Core.Demo;
using Braid.Core.Directory.Geo;
using Braid.Core.Equity;

namespace Braid.Data.Region;

/// <summary>The demo region and gazetteer, read from the Census files embedded in this assembly (see Region/PROVENANCE.md).</summary>
public static class RegionData
{
    private static readonly Lazy<DemoRegion> LazyBaltimore = new(LoadBaltimore);
    private static readonly Lazy<Gazetteer> LazyGazetteer = new(LoadGazetteer);
    private static readonly Lazy<IReadOnlyList<(string Geoid, NetTopologySuite.Geometries.Geometry Shape)>> LazyOutlines =
        new(() => TractLocator.ReadGeoJson(Text("baltimore_city_tracts_2010.geojson")));
    private static readonly Lazy<TractLocator> LazyTracts = new(() => new TractLocator(LazyOutlines.Value));
    private static readonly Lazy<RegionMap> LazyMap = new(() => new RegionMap(LazyOutlines.Value));

    public static DemoRegion Baltimore => LazyBaltimore.Value;

    /// <summary>The demo region's 2010 tract boundaries, to place geocoded units in their tract.</summary>
    public static TractLocator TractBoundaries => LazyTracts.Value;

    /// <summary>The demo region's tract outlines drawn as an SVG base map (no external tiles).</summary>
    public static RegionMap Map => LazyMap.Value;

    /// <summary>Maryland ZIP codes (ZCTAs) and census tracts.</summary>
    public static Gazetteer Gazetteer => LazyGazetteer.Value;

    private static DemoRegion LoadBaltimore()
    {
        var neighborhoods = Rows("baltimore_city_neighborhood_tract_xwalk_2010.csv")
            .GroupBy(r => r["GEOID"])
            .ToDictionary(g => g.Key, g => g.MaxBy(r => double.TryParse(r["weight_households"], CultureInfo.InvariantCulture, out var w) ? w : 0)!["neighborhood"]);
        var tracts = Rows("baltimore_city_tracts_2010_centroids.csv")
            .Select(r => new RegionTract(r["GEOID"], Point(r), neighborhoods.GetValueOrDefault(r["GEOID"], "Baltimore")))
            .ToList();
        var zips = Gazetteer.OfKind("zip")
            .Where(z => z.Id.StartsWith("212", StringComparison.Ordinal))
            .ToList();
        return new DemoRegion("Baltimore City, Maryland", "Baltimore", "MD", "America/New_York", tracts, zips);
    }

    private static Gazetteer LoadGazetteer() => new(
        Rows("maryland_zcta_2010_centroids.csv").Select(r => new Place(r["GEOID"], "zip", Point(r)))
            .Concat(Rows("maryland_tracts_2010_centroids.csv").Select(r => new Place(r["GEOID"], "tract", Point(r)))));

    private static GeoPoint Point(Dictionary<string, string> r) =>
        new(double.Parse(r["INTPTLAT"], CultureInfo.InvariantCulture), double.Parse(r["INTPTLONG"], CultureInfo.InvariantCulture));

    // These files are plain Census CSVs with no quoted fields, so a split is exact.
    private static string Text(string file)
    {
        using var stream = typeof(RegionData).Assembly.GetManifestResourceStream($"Braid.Data.Region.{file}")
            ?? throw new InvalidOperationException($"Embedded region file {file} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<Dictionary<string, string>> Rows(string file)
    {
        using var stream = typeof(RegionData).Assembly.GetManifestResourceStream($"Braid.Data.Region.{file}")
            ?? throw new InvalidOperationException($"Embedded region file {file} is missing.");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()!.Split(',');
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var cells = line.Split(',');
            rows.Add(header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(x => x.h, x => x.v));
        }

        return rows;
    }
}
