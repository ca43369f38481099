using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Schedules;

namespace Braid.Core.Directory.Search;

/// <summary>
/// An in-memory index over every service at a location of a community, answering navigator
/// searches without touching the database. Entries are stored in latitude/longitude grid order,
/// so the entries of one grid row form a contiguous range and any posting list (by need, language
/// or word) can be cut to a radius with binary searches instead of being scanned. Immutable once
/// built; <see cref="LiveDirectoryIndex"/> layers changes over it without rebuilding it.
/// </summary>
public sealed class DirectoryIndex
{
    private const double CellDegrees = 0.005; // about 550 m of latitude
    private const byte NameWeight = 3, OtherWeight = 2, DescriptionWeight = 1;

    private readonly DirectoryEntry[] _entries;
    private readonly long[] _cellKeys; // ascending; long.MaxValue for entries without a position
    // The fields every candidate is checked on, in arrays beside the entries: scanning them stays in cache.
    // Positions as unit vectors (x, y, z): the squared chord between two of them orders and bounds
    // distances exactly as the haversine does, without trigonometry per candidate. NaN without a position.
    private readonly double[] _unit;
    private readonly int[] _nameRanks; // position of each entry when ordered by service name, then id
    private readonly int[] _hoursIds;
    private readonly bool[] _free, _accessible;
    private readonly double[] _minAge, _maxAge; // an open end is an infinity, so one comparison each
    private readonly OpeningHours[] _hours; // distinct instances; builders share them between entries
    private readonly Dictionary<EntryId, int> _byServiceAtLocation;
    private readonly Dictionary<string, int[]> _byTerm, _byLanguage;
    private readonly Dictionary<string, WordPostings> _byWord;

    /// <summary>The entries containing a word, and for each the weight of the best field it is in.</summary>
    private sealed record WordPostings(int[] Entries, byte[] Weights);

    public DirectoryIndex(IEnumerable<DirectoryEntry> entries)
    {
        var keyed = entries.Select(e => (Key: e.Point is { } p ? CellKey(Cell(p.Latitude), Cell(p.Longitude)) : long.MaxValue, Entry: e)).ToList();
        keyed.Sort((a, b) => a.Key.CompareTo(b.Key));
        _entries = [.. keyed.Select(k => k.Entry)];
        _cellKeys = [.. keyed.Select(k => k.Key)];
        _unit = [.. _entries.SelectMany(e => UnitVector(e.Point))];
        _free = [.. _entries.Select(e => e.IsFree)];
        _accessible = [.. _entries.Select(e => e.Accessibility is not null)];
        _minAge = [.. _entries.Select(e => e.MinimumAge ?? double.NegativeInfinity)];
        _maxAge = [.. _entries.Select(e => e.MaximumAge ?? double.PositiveInfinity)];
        _nameRanks = new int[_entries.Length];
        var byName = Enumerable.Range(0, _entries.Length).ToArray();
        var ids = Array.ConvertAll(_entries, e => e.ServiceAtLocationId);
        Array.Sort(byName, (a, b) => string.CompareOrdinal(_entries[a].ServiceName, _entries[b].ServiceName) is var c and not 0
            ? c : string.CompareOrdinal(ids[a], ids[b]));
        for (var rank = 0; rank < byName.Length; rank++) _nameRanks[byName[rank]] = rank;
        var hoursIds = new Dictionary<OpeningHours, int>(ReferenceEqualityComparer.Instance);
        _hoursIds = [.. _entries.Select(e => hoursIds.TryGetValue(e.Hours, out var id) ? id : hoursIds[e.Hours] = hoursIds.Count)];
        _hours = [.. hoursIds.OrderBy(kv => kv.Value).Select(kv => kv.Key)];
        _byServiceAtLocation = new Dictionary<EntryId, int>(_entries.Length);
        var byTerm = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byLanguage = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byWord = new Dictionary<string, (List<int> Entries, List<byte> Weights)>(StringComparer.Ordinal);
        var weights = new Dictionary<string, byte>(StringComparer.Ordinal);

        for (var i = 0; i < _entries.Length; i++)
        {
            var e = _entries[i];
            _byServiceAtLocation[e.ServiceAtLocationKey] = i;
            foreach (var t in e.Terms)
            {
                AddPosting(byTerm, t.Id, i);
                if (t.Code is not null) AddPosting(byTerm, t.Code, i);
            }

            foreach (var l in e.Languages)
            {
                if (l.Code is not null) AddPosting(byLanguage, l.Code, i);
                if (l.Name is not null) AddPosting(byLanguage, l.Name, i);
            }

            weights.Clear();
            void Weigh(IEnumerable<string> words, byte weight)
            {
                foreach (var w in words)
                {
                    if (weights.GetValueOrDefault(w) < weight) weights[w] = weight;
                }
            }

            Weigh(TextTokens.Of(e.ServiceName), NameWeight);
            Weigh(TextTokens.Of(e.OrganizationName).Concat(e.Terms.SelectMany(SearchableWords)), OtherWeight);
            Weigh(TextTokens.Of(e.ServiceDescription), DescriptionWeight);
            foreach (var (word, weight) in weights)
            {
                if (!byWord.TryGetValue(word, out var postings)) byWord[word] = postings = ([], []);
                postings.Entries.Add(i);
                postings.Weights.Add(weight);
            }
        }

        Languages = [.. _entries.SelectMany(e => e.Languages).Distinct()];
        _byTerm = Freeze(byTerm);
        _byLanguage = Freeze(byLanguage);
        _byWord = byWord.ToDictionary(kv => kv.Key, kv => new WordPostings([.. kv.Value.Entries], [.. kv.Value.Weights]), StringComparer.Ordinal);
    }

    public int Count => _entries.Length;

    /// <summary>Every language some listing is offered in.</summary>
    public IReadOnlyList<LanguageOffered> Languages { get; }

    public DirectoryEntry? Find(string serviceAtLocationId) =>
        PositionOf(EntryId.From(serviceAtLocationId)) is var i and >= 0 ? _entries[i] : null;

    public SearchResults Search(SearchQuery query)
    {
        var words = Words(query);
        var (total, ranked) = Rank(query, words, hidden: null);
        var page = ranked.Skip((int)Math.Min((long)(query.Page - 1) * query.PerPage, int.MaxValue)).Select(m => Hit(m, query, words)).ToList();
        return new SearchResults(total, query.Page, query.PerPage, page);
    }

    /// <summary>
    /// How many entries match (leaving out the <paramref name="hidden"/> positions), and the best
    /// page × per_page of them in rank order.
    /// </summary>
    internal (int Total, Match[] Ranked) Rank(SearchQuery query, List<string> words, PositionMask? hidden)
    {
        var wordPostings = new List<PostingCursor>(words.Count);
        foreach (var word in words)
        {
            if (!_byWord.TryGetValue(word, out var postings))
            {
                return (0, []); // a word no listing contains: nothing can match every word
            }

            wordPostings.Add(new PostingCursor(postings.Entries, postings.Weights));
        }

        var filters = new List<PostingCursor>(wordPostings);
        if (query.Need is { } need) filters.Add(new PostingCursor(_byTerm.GetValueOrDefault(need) ?? [], null));
        if (query.Language is { } language) filters.Add(new PostingCursor(_byLanguage.GetValueOrDefault(language) ?? []));

        // Drive from the shortest posting list; every other list is checked by galloping forward
        // through it, which works because candidates come in ascending entry order.
        var driver = filters.MinBy(f => f.List.Length);
        var origin = query.Origin is { } point ? UnitVector(point) : null;
        var maxChord2 = query.RadiusKm is { } r && origin is not null ? Chord2(r) : double.PositiveInfinity;
        var open = query.OpenNow ? new HoursTest(h => h.IsOpenAt(query.At), _hours) : null;
        var opensOn = query.OpenOn is { } day ? new HoursTest(h => h.OpensOn(day), _hours) : null;
        // Listings share their rules' object, so each distinct set of rules is judged once per search.
        var ineligible = query.HideIneligible && query.For is { Any: true } ? new Dictionary<EligibilityRules, bool>(ReferenceEqualityComparer.Instance) : null;
        // Only the best skip + per_page matches are kept, in a max-heap on the worst of them; the rest are counted.
        var order = new MatchOrder(_nameRanks);
        var keep = (int)Math.Min((long)query.Page * query.PerPage, int.MaxValue);
        var best = new PriorityQueue<Match, Match>(Math.Min(keep, 1024), new MatchOrder(_nameRanks, worstFirst: true));
        var total = 0;

        foreach (var (start, end) in Ranges(query, driver))
        {
            for (var position = start; position < end; position++)
            {
                var i = driver is null ? position : driver.List[position];
                if (hidden is not null && hidden.Contains(i)) continue;
                if (!PassesFilters(i)) continue;
                if (query.Free && !_free[i]) continue;
                if (query.Accessible && !_accessible[i]) continue;
                if (query.Age is { } age && (age < _minAge[i] || age > _maxAge[i])) continue;
                if (ineligible is not null && Ineligible(_entries[i].Rules)) continue;

                var chord2 = double.PositiveInfinity;
                if (origin is not null)
                {
                    var (dx, dy, dz) = (_unit[3 * i] - origin[0], _unit[3 * i + 1] - origin[1], _unit[3 * i + 2] - origin[2]);
                    chord2 = dx * dx + dy * dy + dz * dz;
                    if (double.IsNaN(chord2)) chord2 = double.PositiveInfinity; // no position: last, and outside any radius
                }

                if (chord2 > maxChord2) continue;
                if (open is not null && !open.Passes(_hoursIds[i])) continue;
                if (opensOn is not null && !opensOn.Passes(_hoursIds[i])) continue;

                var relevance = 0;
                foreach (var w in wordPostings)
                {
                    relevance += w == driver ? w.WeightAt(position) : w.LastWeight;
                }

                var match = new Match(i, chord2, relevance);
                total++;
                if (best.Count < keep) best.Enqueue(match, match);
                else if (order.Compare(match, best.Peek()) < 0) best.DequeueEnqueue(match, match);
            }
        }

        bool Ineligible(EligibilityRules rules)
        {
            if (!ineligible.TryGetValue(rules, out var fails))
                ineligible[rules] = fails = EligibilityJudge.Judge(rules, query.For!, query.At.Year).Verdict == EligibilityVerdict.LikelyNot;
            return fails;
        }

        bool PassesFilters(int entry)
        {
            foreach (var f in filters)
            {
                if (f != driver && !f.Contains(entry)) return false;
            }

            return true;
        }

        var ranked = new Match[best.Count];
        for (var k = ranked.Length - 1; k >= 0; k--) ranked[k] = best.Dequeue();
        return (total, ranked);
    }

    /// <summary>The query's distinct words, as the index matches them.</summary>
    internal static List<string> Words(SearchQuery query) => TextTokens.Of(query.Text).Distinct().ToList();

    /// <summary>The entry at a position.</summary>
    internal DirectoryEntry EntryAt(int position) => _entries[position];

    /// <summary>The position of a listing, or -1.</summary>
    internal int PositionOf(EntryId serviceAtLocation) => _byServiceAtLocation.TryGetValue(serviceAtLocation, out var i) ? i : -1;

    /// <summary>Every entry, in index order.</summary>
    internal IReadOnlyList<DirectoryEntry> Entries => _entries;

    internal SearchHit Hit(Match m, SearchQuery query, List<string> words) =>
        Hit(m.Index, query.Origin is { } o && _entries[m.Index].Point is { } p ? o.DistanceKm(p) : null, m.Relevance, query, words);

    /// <summary>
    /// Ranges of positions to visit: in the driver list when there is one, else in the entries
    /// themselves; with a radius, only the grid rows and columns the circle can reach.
    /// </summary>
    private IEnumerable<(int Start, int End)> Ranges(SearchQuery query, PostingCursor? driver)
    {
        if (query.Origin is not { } origin || query.RadiusKm is not { } radiusKm)
        {
            yield return (0, driver?.List.Length ?? _entries.Length);
            yield break;
        }

        var dLat = radiusKm / 111.0 + CellDegrees;
        var cosLat = Math.Max(0.01, Math.Cos(origin.Latitude * Math.PI / 180));
        var dLon = radiusKm / (111.32 * cosLat) + CellDegrees;
        var (lo0, lo1) = (Cell(origin.Longitude - dLon), Cell(origin.Longitude + dLon));
        for (var la = Cell(origin.Latitude - dLat); la <= Cell(origin.Latitude + dLat); la++)
        {
            var start = LowerBound(_cellKeys, 0, _cellKeys.Length, CellKey(la, lo0));
            var end = LowerBound(_cellKeys, start, _cellKeys.Length, CellKey(la, lo1) + 1);
            if (start == end) continue;
            yield return driver is null
                ? (start, end)
                : (LowerBound(driver.List, 0, driver.List.Length, start), LowerBound(driver.List, 0, driver.List.Length, end));
        }
    }

    private SearchHit Hit(int i, double? distance, int relevance, SearchQuery query, List<string> words)
    {
        var e = _entries[i];
        var open = e.Hours.IsOpenAt(query.At);
        var reasons = new List<MatchReason>();
        if (query.Need is { } need)
        {
            var term = e.Terms.First(t => string.Equals(t.Code, need, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Id, need, StringComparison.OrdinalIgnoreCase));
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
        if (query.OpenOn is { } on) reasons.Add(new MatchReason("open-on", on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        if (query.Free) reasons.Add(new MatchReason("free", ""));
        if (query.Accessible) reasons.Add(new MatchReason("accessible", e.Accessibility ?? ""));
        if (query.Age is { } forAge) reasons.Add(new MatchReason("age", forAge.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new SearchHit(e, distance, open, relevance, reasons)
        {
            Eligibility = query.For is { Any: true } facts ? EligibilityJudge.Judge(e.Rules, facts, query.At.Year) : null,
        };
    }

    /// <summary>The words a term is found by: its name and, for a need domain, its English and Spanish names.</summary>
    public static IEnumerable<string> SearchableWords(ServiceTerm term)
    {
        var domain = term.Code is null ? null : NeedDomains.Find(term.Code);
        return TextTokens.Of(term.Name).Concat(TextTokens.Of(domain?.English)).Concat(TextTokens.Of(domain?.Spanish));
    }

    private static double[] UnitVector(GeoPoint? point)
    {
        if (point is not { } p) return [double.NaN, double.NaN, double.NaN];
        var (lat, lon) = (p.Latitude * Math.PI / 180, p.Longitude * Math.PI / 180);
        return [Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat)];
    }

    /// <summary>The squared chord of the unit sphere spanning a great-circle distance.</summary>
    private static double Chord2(double km)
    {
        var half = Math.Min(Math.PI / 2, km / (2 * GeoPoint.EarthRadiusKm));
        return 4 * Math.Sin(half) * Math.Sin(half);
    }

    internal readonly record struct Match(int Index, double Chord2, int Relevance);

    /// <summary>Relevance first, then nearest, then name and id (as a precomputed rank) so that the order is total and pages never overlap.</summary>
    private sealed class MatchOrder(int[] nameRanks, bool worstFirst = false) : IComparer<Match>
    {
        public int Compare(Match a, Match b)
        {
            if (worstFirst) (a, b) = (b, a);
            var c = b.Relevance.CompareTo(a.Relevance);
            if (c != 0) return c;
            c = a.Chord2.CompareTo(b.Chord2);
            return c != 0 ? c : nameRanks[a.Index].CompareTo(nameRanks[b.Index]);
        }
    }

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    // Orders keys by row, then column, including negative columns (west of Greenwich).
    private static long CellKey(int lat, int lon) => ((long)lat << 32) | ((uint)lon ^ 0x8000_0000u);

    private static int LowerBound<T>(T[] sorted, int from, int to, T value) where T : IComparable<T>
    {
        while (from < to)
        {
            var mid = (from + to) >>> 1;
            if (sorted[mid].CompareTo(value) < 0) from = mid + 1;
            else to = mid;
        }

        return from;
    }

    private static void AddPosting(Dictionary<string, List<int>> index, string key, int entry)
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

    private static Dictionary<string, int[]> Freeze(Dictionary<string, List<int>> index) =>
        index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), index.Comparer);

    /// <summary>A sorted posting list probed with ascending entries; remembers where the last probe landed.</summary>
    private sealed class PostingCursor(int[] list, byte[]? weights = null)
    {
        private int _position;

        public int[] List => list;

        public byte LastWeight { get; private set; }

        public bool Contains(int entry)
        {
            var found = LowerBound(list, _position, list.Length, entry);
            _position = found;
            if (found == list.Length || list[found] != entry) return false;
            LastWeight = weights?[found] ?? 0;
            return true;
        }

        public byte WeightAt(int position) => weights?[position] ?? 0;
    }

    /// <summary>"Open now" or "opens on a day" for one query, worked out once per distinct set of opening hours rather than per entry; unknown hours fail.</summary>
    private sealed class HoursTest(Func<OpeningHours, bool?> test, OpeningHours[] hours)
    {
        private readonly sbyte[] _known = new sbyte[hours.Length]; // 0 unknown, 1 open, -1 not open

        public bool Passes(int hoursId)
        {
            if (_known[hoursId] == 0)
            {
                _known[hoursId] = test(hours[hoursId]) == true ? (sbyte)1 : (sbyte)-1;
            }

            return _known[hoursId] > 0;
        }
    }
}
