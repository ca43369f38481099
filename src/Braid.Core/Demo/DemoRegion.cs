using Braid.Core.Directory.Geo;

namespace Braid.Core.Demo;

/// <summary>A census tract of the demo region: GEOID, internal point and the neighborhood most of its households live in.</summary>
public sealed record RegionTract(string Geoid, GeoPoint Point, string Neighborhood);

/// <summary>The real places the demo community is laid on.</summary>
public sealed record DemoRegion(string Name, string City, string State, string TimeZone, IReadOnlyList<RegionTract> Tracts, IReadOnlyList<Place> Zips)
{
    /// <summary>The ZIP whose centroid is nearest, standing in for a postal lookup.</summary>
    public Place NearestZip(GeoPoint p) => Zips.MinBy(z => z.Point.DistanceKm(p))!;
}
