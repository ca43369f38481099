using Braid.Core.Equity;
using NetTopologySuite.Geometries;

namespace Braid.Core.Tests.Equity;

/// <summary>Tract context: reading it, and joining it to units by GEOID or by where they live.</summary>
public sealed class TractContextTests
{
    private static EquityTable Table(string header, params string[] lines) =>
        EquityTable.FromRows(header.Split(','), lines.Select(l => (IReadOnlyList<string>)l.Split(',')));

    // Two unit squares side by side: tract ...0100 west of longitude 1, tract ...0200 east of it, the latter with a hole.
    private static readonly TractLocator Squares = new([
        ("24510000100", new GeometryFactory().CreatePolygon([new(0, 0), new(1, 0), new(1, 1), new(0, 1), new(0, 0)])),
        ("24510000200", new GeometryFactory().CreatePolygon(new GeometryFactory().CreateLinearRing([new(1, 0), new(2, 0), new(2, 1), new(1, 1), new(1, 0)]),
            [new GeometryFactory().CreateLinearRing([new(1.4, 0.4), new(1.6, 0.4), new(1.6, 0.6), new(1.4, 0.6), new(1.4, 0.4)])])),
    ]);

    [Theory]
    [InlineData(0.5, 0.5, "24510000100")]
    [InlineData(0.5, 1.2, "24510000200")]
    [InlineData(0.5, 1.5, null)] // in the hole
    [InlineData(3.0, 3.0, null)]
    public void A_point_is_in_the_tract_whose_boundary_contains_it(double latitude, double longitude, string? expected) =>
        Assert.Equal(expected, Squares.Locate(latitude, longitude));

    [Fact]
    public void A_HOLC_file_gives_the_grade_and_the_historic_redlining_score()
    {
        var file = TractContext.Read(Table("geoid10,class1,area_A,area_B,area_C,area_D", "24510000100,D,0,0,25,75", "2451000200,B,10,90,0,0"));

        Assert.Equal("D", file.Tracts[0].Values[TractContext.HolcGrade]);
        Assert.Equal("3.75", file.Tracts[0].Values[TractContext.RedliningScore]); // (3·25 + 4·75) / 100
        Assert.Equal("02451000200", file.Tracts[1].Geoid);
        Assert.Contains(file.Notes, n => n.Contains("leading zero"));
        Assert.Contains("Mapping Inequality", file.Citation);
    }

    [Fact]
    public void Units_with_a_location_get_their_tract_and_its_context()
    {
        var tracts = TractContext.Read(Table("geoid,e0", "24510000100,70.5", "24510000200,80.5")).Tracts;
        var units = Table("person,latitude,longitude", "1,0.5,0.5", "2,0.5,1.2", "3,5,5");
        var notes = new List<string>();

        var joined = TractContext.Join(units, tracts, notes, Squares);

        string Value(string column, int row) => joined[column].Codes[row] < 0 ? "" : joined[column].Levels[joined[column].Codes[row]];
        Assert.Equal(["24510000100", "24510000200", ""], Enumerable.Range(0, 3).Select(r => Value("tract", r)));
        Assert.Equal(["70.5", "80.5", ""], Enumerable.Range(0, 3).Select(r => Value("e0", r)));
        Assert.Equal("24510", Value("county", 0));
        Assert.Contains(notes, n => n.StartsWith("2 units were placed in their census tract") && n.Contains("1 lie outside"));
    }

    [Fact]
    public void Unknown_and_malformed_GEOIDs_are_named()
    {
        var tracts = TractContext.Read(Table("geoid,e0", "24510000100,70.5")).Tracts;
        var notes = new List<string>();
        TractContext.Join(Table("tract,met", "24510000100,1", "24510999999,0"), tracts, notes);
        Assert.Contains(notes, n => n.Contains("24510999999"));

        Assert.Contains("None of the data's tracts", Assert.Throws<EquityInputException>(() => TractContext.Join(Table("tract,met", "24510999999,0"), tracts, [])).Message);
        Assert.Contains("line 2: '2451' is not a census tract GEOID", Assert.Throws<EquityInputException>(() => TractContext.Read(Table("geoid,e0", "2451,70"))).Message);
    }
}
