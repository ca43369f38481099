using Braid.Data.Region;

namespace Braid.Data.Tests.Region;

/// <summary>The embedded Baltimore City tract boundaries against the Census internal points of the same tracts.</summary>
public sealed class TractBoundariesTests
{
    [Fact]
    public void Every_tracts_Census_internal_point_lies_in_that_tract()
    {
        var tracts = RegionData.Baltimore.Tracts;
        Assert.Equal(200, tracts.Count);
        Assert.All(tracts, t => Assert.Equal(t.Geoid, RegionData.TractBoundaries.Locate(t.Point.Latitude, t.Point.Longitude)));
    }

    [Fact]
    public void A_point_outside_the_city_is_in_no_tract() =>
        Assert.Null(RegionData.TractBoundaries.Locate(39.0, -77.0)); // Washington, D.C.'s suburbs

    [Fact]
    public void The_base_map_has_the_city_s_shape_and_holds_every_tract()
    {
        // Baltimore City spans 76.711°–76.529° W and 39.197°–39.372° N (Census TIGER extent):
        // 0.182° × cos 39.285° = 0.141° of longitude on the ground against 0.175° of latitude.
        var map = RegionData.Map;
        Assert.Equal(0.141 / 0.175, map.Width / map.Height, 0.02);
        Assert.All(RegionData.Baltimore.Tracts, t => Assert.NotNull(map.Place(t.Point)));
        Assert.Null(map.Place(new(39.0, -77.0)));
    }
}
