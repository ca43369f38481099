using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Braid.Core.Equity;

/// <summary>
/// Finds the census tract a unit's location lies in, by point-in-polygon over the tracts'
/// boundaries (NetTopologySuite, indexed with an STR tree), so that units with an address
/// (geocoded to latitude and longitude) get their tract.
/// </summary>
public sealed class TractLocator
{
    private readonly STRtree<(string Geoid, Geometry Shape)> _index = new();
    private readonly GeometryFactory _factory = new();

    public TractLocator(IEnumerable<(string Geoid, Geometry Shape)> tracts)
    {
        foreach (var tract in tracts) _index.Insert(tract.Shape.EnvelopeInternal, tract);
        _index.Build();
    }

    /// <summary>The GEOID of the tract containing the point, or null when it is in none of them.</summary>
    public string? Locate(double latitude, double longitude)
    {
        var point = _factory.CreatePoint(new Coordinate(longitude, latitude));
        return _index.Query(point.EnvelopeInternal).FirstOrDefault(t => t.Shape.Covers(point)).Geoid;
    }

    /// <summary>Reads tract boundaries from GeoJSON text: features with a <c>GEOID</c> property and Polygon or MultiPolygon geometry (RFC 7946, lon/lat).</summary>
    public static TractLocator FromGeoJson(string geoJson) => new(ReadGeoJson(geoJson));

    /// <summary>The tracts of a GeoJSON feature collection as (GEOID, shape) pairs, for the locator and for maps.</summary>
    public static IReadOnlyList<(string Geoid, Geometry Shape)> ReadGeoJson(string geoJson)
    {
        var factory = new GeometryFactory();
        LinearRing Ring(JsonElement ring) => factory.CreateLinearRing([.. ring.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble()))]);
        Polygon Polygon(JsonElement rings)
        {
            var all = rings.EnumerateArray().ToList();
            return factory.CreatePolygon(Ring(all[0]), [.. all.Skip(1).Select(Ring)]);
        }

        using var document = JsonDocument.Parse(geoJson);
        return document.RootElement.GetProperty("features").EnumerateArray().Select(feature =>
        {
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            Geometry shape = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => Polygon(coordinates),
                "MultiPolygon" => factory.CreateMultiPolygon([.. coordinates.EnumerateArray().Select(Polygon)]),
                var other => throw new EquityInputException("geometry", EquityText.Get("tract-boundaries-must-be-polygons-got", other)),
            };
            return (feature.GetProperty("properties").GetProperty("GEOID").GetString()!, shape);
        }).ToList();
    }
}
