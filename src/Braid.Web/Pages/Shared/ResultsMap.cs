using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Search;

namespace Braid.Web.Pages;

/// <summary>A pin on the results map: the result's number in the list, where it links and where it sits.</summary>
public sealed record MapPin(int Number, string Name, string Href, MapPosition At);

/// <summary>The results of one page drawn over the region's tracts; the numbered list beside it is the text alternative.</summary>
public sealed record ResultsMap(RegionMap Map, IReadOnlyList<MapPin> Pins, int NotOnMap)
{
    public static ResultsMap For(RegionMap map, IReadOnlyList<SearchHit> hits, string lang)
    {
        var pins = new List<MapPin>();
        for (var i = 0; i < hits.Count; i++)
        {
            var e = hits[i].Entry;
            if (e.Point is { } point && map.Place(point) is { } at)
                pins.Add(new MapPin(i + 1, e.ServiceName, $"/services/{e.ServiceAtLocationId}?lang={lang}", at));
        }

        return new ResultsMap(map, pins, hits.Count - pins.Count);
    }
}
