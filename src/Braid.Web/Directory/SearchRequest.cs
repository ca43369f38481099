using System.Globalization;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Search;

namespace Braid.Web.Directory;

/// <summary>Query parameter names of the navigator search, shared by the API and the pages.</summary>
public static class SearchParameters
{
    public const string Need = "need", Lat = "lat", Lon = "lon", Zip = "zip", RadiusKm = "radius_km", Language = "language",
        OpenNow = "open_now", Text = "q", Page = "page", PerPage = "per_page";
}

/// <summary>Turns query parameters into a <see cref="SearchQuery"/>, collecting an error per bad parameter.</summary>
public static class SearchRequest
{
    public static (SearchQuery Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection q, Gazetteer gazetteer, IReadOnlyList<TaxonomyTerm> terms, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string parameter, string message) => errors[parameter] = [message];
        string? Text(string name) => q[name].ToString() is { Length: > 0 } s ? s.Trim() : null;

        double? Number(string name, double min, double max)
        {
            if (Text(name) is not { } s) return null;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v))
            {
                Error(name, $"'{s}' is not a number.");
                return null;
            }

            if (v < min || v > max) Error(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}; got {s}.");
            return v;
        }

        int Integer(string name, int fallback, int min, int max)
        {
            if (Text(name) is not { } s) return fallback;
            if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            {
                Error(name, $"must be a whole number from {min} to {max}; got '{s}'.");
                return fallback;
            }

            return v;
        }

        var lat = Number(SearchParameters.Lat, -90, 90);
        var lon = Number(SearchParameters.Lon, -180, 180);
        GeoPoint? origin = null;
        if (lat is null != lon is null)
        {
            Error(lat is null ? SearchParameters.Lat : SearchParameters.Lon, "lat and lon must be given together.");
        }
        else if (lat is { } la && lon is { } lo)
        {
            origin = new GeoPoint(la, lo);
        }

        if (Text(SearchParameters.Zip) is { } zip)
        {
            if (origin is not null) Error(SearchParameters.Zip, "give either zip or lat and lon, not both.");
            else if (gazetteer.Resolve(zip) is { Kind: "zip" } place) origin = place.Point;
            else Error(SearchParameters.Zip, $"'{zip}' is not a ZIP code in Braid's gazetteer (5 digits, Maryland).");
        }

        var radius = Number(SearchParameters.RadiusKm, 0.01, 500);
        if (radius is not null && origin is null && !errors.ContainsKey(SearchParameters.Zip) && !errors.ContainsKey(SearchParameters.Lat))
        {
            Error(SearchParameters.RadiusKm, "needs a place: give zip, or lat and lon.");
        }

        var openNow = false;
        if (Text(SearchParameters.OpenNow) is { } open && !bool.TryParse(open, out openNow))
        {
            if (open is "1" or "on") openNow = true;
            else if (open is "0" or "off") openNow = false;
            else Error(SearchParameters.OpenNow, $"must be true or false; got '{open}'.");
        }

        var need = Text(SearchParameters.Need);
        if (need is not null && !terms.Any(t => string.Equals(t.Code, need, StringComparison.OrdinalIgnoreCase) || t.Id == need))
        {
            Error(SearchParameters.Need, $"no taxonomy term in the directory has code or id '{need}'.");
        }

        var query = new SearchQuery
        {
            Need = need,
            Origin = origin,
            RadiusKm = radius,
            Language = Text(SearchParameters.Language),
            OpenNow = openNow,
            Text = Text(SearchParameters.Text),
            At = now,
            Page = Integer(SearchParameters.Page, 1, 1, 100_000),
            PerPage = Integer(SearchParameters.PerPage, 20, 1, SearchQuery.MaxPerPage),
        };
        return (query, errors);
    }
}
