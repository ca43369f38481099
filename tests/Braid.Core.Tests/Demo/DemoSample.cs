using Braid.Core.Demo;
using Braid.Core.Directory.Geo;

namespace Braid.Core.Tests.Demo;

/// <summary>What the demo tests generate on: a two-tract region, a fixed day, and the people (with their past referrals) generated once for them all.</summary>
internal static class DemoSample
{
    public static readonly DemoRegion Region = new("Test", "Baltimore", "MD", "America/New_York",
        [new RegionTract("24510160100", new GeoPoint(39.3, -76.6), "A"), new RegionTract("24510271101", new GeoPoint(39.35, -76.62), "B")],
        [new Place("21217", "zip", new GeoPoint(39.31, -76.64))]);

    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly DemoPopulation Population = Generate();

    /// <summary>The population afresh from the same seed.</summary>
    public static DemoPopulation Generate() =>
        DemoPeople.Generate(Region, new DemoCommunityGenerator(Region).Generate(60, DateOnly.FromDateTime(Now.UtcDateTime), "demo"), Now);
}
