using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace Braid.Core.Directory.Geo;

/// <summary>A point placed on a <see cref="RegionMap"/>, in the map's SVG user units.</summary>
public readonly record struct MapPosition(double X, double Y);

/// <summary>
/// A region's tract outlines projected once into an SVG drawing, onto which points (services,
/// people's tracts) are placed. The projection is equirectangular scaled by the cosine of the
/// region's middle latitude: over a county it distorts less than a pixel, and it needs no tiles.
/// </summary>
public sealed class RegionMap
{
    private readonly double _west, _north, _scale, _xScale;

    /// <param name="outlines">The tracts' shapes in lon/lat (GeoJSON order).</param>
    /// <param name="width">The drawing's width in SVG user units; the height follows from the region's shape.</param>
    /// <param name="tolerance">Douglas–Peucker tolerance in degrees: detail finer than this is dropped to keep the page small.</param>
    public RegionMap(IEnumerable<Geometry> outlines, double width = 600, double tolerance = 0.0003)
        : this(outlines.Select((o, i) => (i.ToString(CultureInfo.InvariantCulture), o)), width, tolerance)
    {
    }

    /// <param name="tracts">The tracts' GEOIDs and shapes in lon/lat (GeoJSON order).</param>
    /// <param name="width">The drawing's width in SVG user units; the height follows from the region's shape.</param>
    /// <param name="tolerance">Douglas–Peucker tolerance in degrees: detail finer than this is dropped to keep the page small.</param>
    public RegionMap(IEnumerable<(string Geoid, Geometry Shape)> tracts, double width = 600, double tolerance = 0.0003)
    {
        var simplified = tracts.Select(t => (t.Geoid, Shape: TopologyPreservingSimplifier.Simplify(t.Shape, tolerance))).ToList();
        var shapes = simplified.Select(t => t.Shape).ToList();
        if (shapes.Count == 0) throw new ArgumentException("A region map needs at least one outline.", nameof(tracts));
        var extent = new Envelope();
        foreach (var shape in shapes) extent.ExpandToInclude(shape.EnvelopeInternal);
        _west = extent.MinX;
        _north = extent.MaxY;
        var stretch = Math.Cos((extent.MinY + extent.MaxY) / 2 * Math.PI / 180);
        _scale = width / (extent.Width * stretch);
        _xScale = _scale * stretch;
        Width = width;
        Height = extent.Height * _scale;
        Tracts = [.. simplified.Select(t => (t.Geoid, Path(t.Shape)))];
        OutlinePath = string.Join(" ", Tracts.Select(t => t.Path));
    }

    /// <summary>Each tract's outline as its own SVG path, to fill tract by tract (a choropleth).</summary>
    public IReadOnlyList<(string Geoid, string Path)> Tracts { get; }

    public double Width { get; }
    public double Height { get; }

    /// <summary>Every tract's outline as one SVG path (<c>d</c> attribute), coordinates rounded to a tenth of a unit.</summary>
    public string OutlinePath { get; }

    /// <summary>Where a point falls on the map, or null when it lies outside the region's extent.</summary>
    public MapPosition? Place(GeoPoint point)
    {
        var (x, y) = Project(point.Longitude, point.Latitude);
        return x < 0 || y < 0 || x > Width || y > Height ? null : new MapPosition(x, y);
    }

    private (double X, double Y) Project(double longitude, double latitude) =>
        ((longitude - _west) * _xScale, (_north - latitude) * _scale);

    private string Path(Geometry shape)
    {
        var d = new StringBuilder();
        for (var i = 0; i < shape.NumGeometries; i++)
        {
            if (shape.GetGeometryN(i) is not Polygon polygon) continue;
            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                var points = ring.Coordinates;
                for (var p = 0; p < points.Length - 1; p++) // the last point repeats the first; Z closes the ring
                {
                    var (x, y) = Project(points[p].X, points[p].Y);
                    d.Append(p == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
                }

                d.Append('Z');
            }
        }

        return d.ToString();
    }
}
