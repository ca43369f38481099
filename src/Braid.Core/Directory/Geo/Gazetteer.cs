namespace Braid.Core.Directory.Geo;

/// <summary>A named place with its internal point: a ZIP code tabulation area or a census tract.</summary>
public sealed record Place(string Id, string Kind, GeoPoint Point);

/// <summary>
/// Resolves ZIP codes and census tract GEOIDs to points without an external geocoder, from the
/// Census Gazetteer/TIGER internal points shipped with Braid.
/// </summary>
public sealed class Gazetteer(IEnumerable<Place> places)
{
    private readonly Dictionary<string, Place> _places = places.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<Place> OfKind(string kind) => _places.Values.Where(p => p.Kind == kind);

    /// <summary>Finds a 5-digit ZIP (a ZIP+4 resolves to its ZIP) or an 11-digit tract GEOID.</summary>
    public Place? Resolve(string text)
    {
        var key = text.Trim();
        if (key.Length == 10 && key[5] == '-')
        {
            key = key[..5];
        }

        return _places.GetValueOrDefault(key);
    }
}
