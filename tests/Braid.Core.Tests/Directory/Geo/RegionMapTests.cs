using Braid.Core.Directory.Geo;
using NetTopologySuite.Geometries;

namespace Braid.Core.Tests.Directory.Geo;

public sealed class RegionMapTests
{
    private static readonly GeometryFactory Factory = new();

    private static Polygon Box(double west, double south, double east, double north) => Factory.CreatePolygon(
        [new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)]);

    [Fact]
    public void At_60_degrees_north_two_degrees_of_longitude_are_as_long_as_one_of_latitude()
    {
        // cos 60° = 1/2: a box 2° wide and 1° high centred on 60° N is square on the ground.
        var map = new RegionMap([Box(10, 59.5, 12, 60.5)], width: 200);

        Assert.Equal(200, map.Width);
        Assert.Equal(200, map.Height, 6);
        Assert.Equal(new MapPosition(100, 100), Round(map.Place(new GeoPoint(60, 11))));
        Assert.Equal(new MapPosition(0, 0), Round(map.Place(new GeoPoint(60.5, 10)))); // north-west corner is the origin
        Assert.Equal(new MapPosition(200, 200), Round(map.Place(new GeoPoint(59.5, 12))));
    }

    [Fact]
    public void A_point_outside_the_region_is_not_placed()
    {
        var map = new RegionMap([Box(10, 59.5, 12, 60.5)], width: 200);
        Assert.Null(map.Place(new GeoPoint(61, 11)));
        Assert.Null(map.Place(new GeoPoint(60, 9.9)));
    }

    [Fact]
    public void Each_ring_is_one_closed_subpath_including_holes()
    {
        var outer = Factory.CreateLinearRing([new(0, 0), new(4, 0), new(4, 4), new(0, 4), new(0, 0)]);
        var hole = Factory.CreateLinearRing([new(1, 1), new(1, 2), new(2, 2), new(2, 1), new(1, 1)]);
        var map = new RegionMap([Factory.CreatePolygon(outer, [hole]), Box(5, 0, 6, 1)], width: 600, tolerance: 0);

        Assert.Equal(3, map.OutlinePath.Count(c => c == 'M'));
        Assert.Equal(3, map.OutlinePath.Count(c => c == 'Z'));
        Assert.StartsWith("M0,", map.OutlinePath);
    }

    private static MapPosition? Round(MapPosition? p) => p is { } v ? new MapPosition(Math.Round(v.X, 6), Math.Round(v.Y, 6)) : null;
}
