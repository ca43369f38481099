namespace Braid.Core.Directory.Search;

/// <summary>
/// The directory index as edits and imports change it: a large immutable base and a small delta
/// index of the listings changed since, with the base's copies of them hidden. Applying a change
/// copies only the delta (copy-on-write), so searches in flight keep the version they started on
/// and the base is never rebuilt for an edit; <see cref="Compact"/> folds the delta into a new base,
/// off the search path, when it has grown.
/// </summary>
public sealed class LiveDirectoryIndex
{
    private readonly DirectoryIndex _base;
    private readonly DirectoryIndex _delta;
    private readonly PositionMask _hidden; // base positions superseded or removed

    public LiveDirectoryIndex(DirectoryIndex index)
        : this(index, new DirectoryIndex([]), new PositionMask(index.Count))
    {
    }

    private LiveDirectoryIndex(DirectoryIndex @base, DirectoryIndex delta, PositionMask hidden)
    {
        _base = @base;
        _delta = delta;
        _hidden = hidden;
        Count = @base.Count - hidden.Count + delta.Count;
        Languages = [.. @base.Languages.Concat(delta.Languages).Distinct()];
    }

    /// <summary>Listings in the current directory.</summary>
    public int Count { get; }

    /// <summary>How many listings the delta holds: what a <see cref="Compact"/> would fold in.</summary>
    public int DeltaCount => _delta.Count;

    /// <summary>Every language some listing is offered in (a language no longer offered may linger until the next compaction).</summary>
    public IReadOnlyList<LanguageOffered> Languages { get; }

    /// <summary>
    /// The index with these listings as they now are: <paramref name="current"/> are the changed
    /// listings' new entries (new ones included), <paramref name="removed"/> the ids of listings that
    /// are gone or no longer listed (a service made inactive, a deleted location).
    /// </summary>
    public LiveDirectoryIndex With(IReadOnlyCollection<DirectoryEntry> current, IEnumerable<string> removed)
    {
        var touched = current.Select(e => e.ServiceAtLocationKey).Concat(removed.Select(EntryId.From)).ToHashSet();
        var hidden = _hidden.With(touched.Select(_base.PositionOf).Where(i => i >= 0));
        var delta = _delta.Entries.Where(e => !touched.Contains(e.ServiceAtLocationKey)).Concat(current);
        return new LiveDirectoryIndex(_base, new DirectoryIndex(delta), hidden);
    }

    /// <summary>One index holding the current listings, with no delta.</summary>
    public LiveDirectoryIndex Compact() =>
        new(new DirectoryIndex(_base.Entries.Where((_, i) => !_hidden.Contains(i)).Concat(_delta.Entries)));

    public DirectoryEntry? Find(string serviceAtLocationId)
    {
        var id = EntryId.From(serviceAtLocationId);
        if (_delta.PositionOf(id) is var d and >= 0) return _delta.EntryAt(d);
        return _base.PositionOf(id) is var b and >= 0 && !_hidden.Contains(b) ? _base.EntryAt(b) : null;
    }

    /// <summary>The same results, in the same order, as one index built from the current listings would give.</summary>
    public SearchResults Search(SearchQuery query)
    {
        if (_delta.Count == 0 && _hidden.Count == 0) return _base.Search(query);
        var words = DirectoryIndex.Words(query);
        var (baseTotal, fromBase) = _base.Rank(query, words, _hidden);
        var (deltaTotal, fromDelta) = _delta.Rank(query, words, hidden: null);
        var merged = fromBase.Select(m => (Index: _base, Match: m)).Concat(fromDelta.Select(m => (Index: _delta, Match: m))).ToList();
        merged.Sort((a, b) =>
        {
            var c = b.Match.Relevance.CompareTo(a.Match.Relevance);
            if (c != 0) return c;
            c = a.Match.Chord2.CompareTo(b.Match.Chord2);
            if (c != 0) return c;
            var (x, y) = (a.Index.EntryAt(a.Match.Index), b.Index.EntryAt(b.Match.Index));
            c = string.CompareOrdinal(x.ServiceName, y.ServiceName);
            return c != 0 ? c : string.CompareOrdinal(x.ServiceAtLocationId, y.ServiceAtLocationId);
        });
        var skip = (int)Math.Min((long)(query.Page - 1) * query.PerPage, int.MaxValue);
        var page = merged.Skip(skip).Take(query.PerPage).Select(m => m.Index.Hit(m.Match, query, words)).ToList();
        return new SearchResults(baseTotal + deltaTotal, query.Page, query.PerPage, page);
    }
}

/// <summary>
/// A set of index positions, copied on write in chunks: marking a few positions copies their chunks
/// and the chunk table, not the whole set (no large-object churn for a million-listing index).
/// </summary>
internal sealed class PositionMask
{
    private const int Shift = 12, ChunkSize = 1 << Shift;
    private readonly bool[]?[] _chunks;

    public PositionMask(int positions) => _chunks = new bool[]?[(positions + ChunkSize - 1) >> Shift];

    private PositionMask(bool[]?[] chunks, int count) => (_chunks, Count) = (chunks, count);

    public int Count { get; }

    public bool Contains(int position) => _chunks[position >> Shift] is { } chunk && chunk[position & (ChunkSize - 1)];

    public PositionMask With(IEnumerable<int> positions)
    {
        var chunks = (bool[]?[])_chunks.Clone();
        var copied = new HashSet<int>();
        var count = Count;
        foreach (var p in positions)
        {
            var c = p >> Shift;
            if (copied.Add(c)) chunks[c] = chunks[c] is { } old ? (bool[])old.Clone() : new bool[ChunkSize];
            if (!chunks[c]![p & (ChunkSize - 1)])
            {
                chunks[c]![p & (ChunkSize - 1)] = true;
                count++;
            }
        }

        return new PositionMask(chunks, count);
    }
}
