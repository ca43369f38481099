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
}
