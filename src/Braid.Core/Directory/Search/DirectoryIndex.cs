using Braid.Core.Directory.Geo;

namespace Braid.Core.Directory.Search;

/// <summary>
/// An in-memory index over every service at a location of a community, answering navigator
/// searches without touching the database: posting lists by need, language and word, and a
/// latitude/longitude grid for radius queries. Immutable once built; rebuild to refresh.
/// </summary>
public sealed class DirectoryIndex
{
    private const double CellDegrees = 0.005; // about 550 m of latitude
    private const int NameWeight = 3, OtherWeight = 2, DescriptionWeight = 1;

    private readonly DirectoryEntry[] _entries;
    private readonly Dictionary<string, DirectoryEntry> _byServiceAtLocation;
    private readonly Dictionary<string, int> _tokenIds = new(StringComparer.Ordinal);
    private readonly int[][] _nameTokens, _otherTokens, _descriptionTokens;
    private readonly Dictionary<string, int[]> _byTerm, _byLanguage;
    private readonly Dictionary<int, int[]> _byToken;
    private readonly Dictionary<long, int[]> _cells;

    public DirectoryIndex(IEnumerable<DirectoryEntry> entries)
    {
        _entries = [.. entries];
        _byServiceAtLocation = _entries.ToDictionary(e => e.ServiceAtLocationId, StringComparer.Ordinal);
        _nameTokens = new int[_entries.Length][];
        _otherTokens = new int[_entries.Length][];
        _descriptionTokens = new int[_entries.Length][];
        var byTerm = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byLanguage = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byToken = new Dictionary<int, List<int>>();
        var cells = new Dictionary<long, List<int>>();

        for (var i = 0; i < _entries.Length; i++)
        {
            var e = _entries[i];
            foreach (var t in e.Terms)
            {
                AddPosting(byTerm, t.Id, i);
                if (t.Code is not null)
                {
                    AddPosting(byTerm, t.Code, i);
                }
            }

            foreach (var l in e.Languages)
            {
                if (l.Code is not null) AddPosting(byLanguage, l.Code, i);
                if (l.Name is not null) AddPosting(byLanguage, l.Name, i);
            }

            _nameTokens[i] = TokenIds(TextTokens.Of(e.ServiceName));
            _otherTokens[i] = TokenIds(TextTokens.Of(e.OrganizationName).Concat(e.Terms.SelectMany(SearchableWords)));
            _descriptionTokens[i] = TokenIds(TextTokens.Of(e.ServiceDescription));
            foreach (var token in _nameTokens[i].Concat(_otherTokens[i]).Concat(_descriptionTokens[i]).Distinct())
            {
                AddPosting(byToken, token, i);
            }

            if (e.Point is { } p)
            {
                AddPosting(cells, CellKey(Cell(p.Latitude), Cell(p.Longitude)), i);
            }
        }

        _byTerm = Freeze(byTerm);
        _byLanguage = Freeze(byLanguage);
        _byToken = Freeze(byToken);
        _cells = Freeze(cells);
    }

    public int Count => _entries.Length;

    public IReadOnlyList<DirectoryEntry> Entries => _entries;

    public DirectoryEntry? Find(string serviceAtLocationId) => _byServiceAtLocation.GetValueOrDefault(serviceAtLocationId);

    public SearchResults Search(SearchQuery query)
    {
        var words = TextTokens.Of(query.Text).Distinct().ToList();
        var wordIds = new int[words.Count];
        for (var w = 0; w < words.Count; w++)
        {
            if (!_tokenIds.TryGetValue(words[w], out wordIds[w]))
            {
                return Empty(query); // a word no listing contains: nothing can match every word
            }
        }

        var candidates = Candidates(query, wordIds);
        var matches = new List<(int Index, double? Distance, int Relevance)>();
        foreach (var i in candidates)
        {
            var e = _entries[i];
            double? distance = null;
            if (query.Origin is { } origin && e.Point is { } point)
            {
                distance = origin.DistanceKm(point);
            }

            if (query.RadiusKm is { } radius && (distance is null || distance > radius)) continue;
            if (query.Need is { } need && !e.HasTerm(need)) continue;
            if (query.Language is { } language && !e.SpeaksLanguage(language)) continue;
            if (query.OpenNow && e.Hours.IsOpenAt(query.At) != true) continue;

            var relevance = 0;
            var allWords = true;
            foreach (var word in wordIds)
            {
                var score = Contains(_nameTokens[i], word) ? NameWeight
                    : Contains(_otherTokens[i], word) ? OtherWeight
                    : Contains(_descriptionTokens[i], word) ? DescriptionWeight : 0;
                if (score == 0)
                {
                    allWords = false;
                    break;
                }

                relevance += score;
            }

            if (allWords)
            {
                matches.Add((i, distance, relevance));
            }
        }

        var comparer = Comparer<(int Index, double? Distance, int Relevance)>.Create((a, b) =>
        {
            var c = b.Relevance.CompareTo(a.Relevance);
            if (c != 0) return c;
            c = (a.Distance ?? double.MaxValue).CompareTo(b.Distance ?? double.MaxValue);
            if (c != 0) return c;
            c = string.CompareOrdinal(_entries[a.Index].ServiceName, _entries[b.Index].ServiceName);
            return c != 0 ? c : string.CompareOrdinal(_entries[a.Index].ServiceAtLocationId, _entries[b.Index].ServiceAtLocationId);
        });

        var skip = (query.Page - 1) * query.PerPage;
        var page = TopK(matches, skip + query.PerPage, comparer).Skip(skip)
            .Select(m => Hit(m.Index, m.Distance, m.Relevance, query, words))
            .ToList();
        return new SearchResults(matches.Count, query.Page, query.PerPage, page);
    }

    private IEnumerable<int> Candidates(SearchQuery query, int[] wordIds)
    {
        // Start from the smallest posting list any criterion allows; the loop checks every criterion anyway.
        IReadOnlyCollection<int>? best = null;
        void Consider(IReadOnlyCollection<int> list)
        {
            if (best is null || list.Count < best.Count) best = list;
        }

        if (query.Need is { } need) Consider(_byTerm.GetValueOrDefault(need) ?? []);
        if (query.Language is { } language) Consider(_byLanguage.GetValueOrDefault(language) ?? []);
        foreach (var word in wordIds) Consider(_byToken[word]);
        if (query.Origin is { } origin && query.RadiusKm is { } radius)
        {
            Consider(CellsAround(origin, radius));
        }

        return best ?? (IEnumerable<int>)Enumerable.Range(0, _entries.Length);
    }

    private List<int> CellsAround(GeoPoint origin, double radiusKm)
    {
        var dLat = radiusKm / 111.0 + CellDegrees;
        var cosLat = Math.Max(0.01, Math.Cos(origin.Latitude * Math.PI / 180));
        var dLon = radiusKm / (111.32 * cosLat) + CellDegrees;
        var result = new List<int>();
        for (var la = Cell(origin.Latitude - dLat); la <= Cell(origin.Latitude + dLat); la++)
        {
            for (var lo = Cell(origin.Longitude - dLon); lo <= Cell(origin.Longitude + dLon); lo++)
            {
                if (_cells.TryGetValue(CellKey(la, lo), out var list)) result.AddRange(list);
            }
        }

        return result;
    }

    private SearchHit Hit(int i, double? distance, int relevance, SearchQuery query, List<string> words)
    {
        var e = _entries[i];
        var open = e.Hours.IsOpenAt(query.At);
        var reasons = new List<MatchReason>();
        if (query.Need is { } need)
        {
            var term = e.Terms.First(t => string.Equals(t.Code, need, StringComparison.OrdinalIgnoreCase) || t.Id == need);
            reasons.Add(new MatchReason("need", term.Code ?? term.Id));
        }

        foreach (var word in words)
        {
            var field = TextTokens.Of(e.ServiceName).Contains(word) ? "name"
                : TextTokens.Of(e.OrganizationName).Contains(word) ? "organization"
                : e.Terms.SelectMany(SearchableWords).Contains(word) ? "taxonomy" : "description";
            reasons.Add(new MatchReason("text:" + field, word));
        }

        if (query.Language is { } language)
        {
            var l = e.Languages.First(l => string.Equals(l.Code, language, StringComparison.OrdinalIgnoreCase) || string.Equals(l.Name, language, StringComparison.OrdinalIgnoreCase));
            reasons.Add(new MatchReason("language", l.Code ?? l.Name ?? language));
        }

        if (query.RadiusKm is { } radius) reasons.Add(new MatchReason("within", radius.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (query.OpenNow) reasons.Add(new MatchReason("open-now", ""));
        return new SearchHit(e, distance, open, relevance, reasons);
    }

    private static IEnumerable<string> SearchableWords(ServiceTerm term)
    {
        var domain = term.Code is null ? null : NeedDomains.Find(term.Code);
        return TextTokens.Of(term.Name).Concat(TextTokens.Of(domain?.English)).Concat(TextTokens.Of(domain?.Spanish));
    }

    private static IEnumerable<T> TopK<T>(List<T> items, int k, IComparer<T> comparer)
    {
        if (items.Count <= k * 4)
        {
            items.Sort(comparer);
            return items.Take(k);
        }

        // Keep only the k best with a max-heap on the worst kept: O(n log k) instead of sorting everything.
        var heap = new PriorityQueue<T, T>(Comparer<T>.Create((a, b) => comparer.Compare(b, a)));
        foreach (var item in items)
        {
            if (heap.Count < k)
            {
                heap.Enqueue(item, item);
            }
            else if (comparer.Compare(item, heap.Peek()) < 0)
            {
                heap.DequeueEnqueue(item, item);
            }
        }

        var best = new List<T>(heap.Count);
        while (heap.Count > 0) best.Add(heap.Dequeue());
        best.Reverse();
        return best;
    }

    private static SearchResults Empty(SearchQuery q) => new(0, q.Page, q.PerPage, []);

    private int[] TokenIds(IEnumerable<string> tokens)
    {
        var ids = new SortedSet<int>();
        foreach (var t in tokens)
        {
            if (!_tokenIds.TryGetValue(t, out var id))
            {
                id = _tokenIds.Count;
                _tokenIds[t] = id;
            }

            ids.Add(id);
        }

        return [.. ids];
    }

    private static bool Contains(int[] sorted, int value) => Array.BinarySearch(sorted, value) >= 0;

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long CellKey(int lat, int lon) => ((long)lat << 32) | (uint)lon;

    private static void AddPosting<TKey>(Dictionary<TKey, List<int>> index, TKey key, int entry) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != entry)
        {
            list.Add(entry);
        }
    }

    private static Dictionary<TKey, int[]> Freeze<TKey>(Dictionary<TKey, List<int>> index) where TKey : notnull =>
        index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), (IEqualityComparer<TKey>?)index.Comparer);
}
