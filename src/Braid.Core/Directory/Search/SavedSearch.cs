namespace Braid.Core.Directory.Search;

/// <summary>A search a staff member keeps by name, to run again with one click: the query string of its parameters.</summary>
public sealed record SavedSearch(string Id, string Owner, string Name, string Query, DateTimeOffset CreatedAt)
{
    public const int MaxName = 100, MaxPerOwner = 50;

    /// <summary>
    /// The query string a saved search keeps: the given parameters among <paramref name="known"/>,
    /// in that order, without the page or the page's language, so the same search saved twice is the same text.
    /// </summary>
    public static string QueryOf(IEnumerable<KeyValuePair<string, string?>> given, IReadOnlyList<string> known)
    {
        var values = given.Where(p => !string.IsNullOrWhiteSpace(p.Value)).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value!.Trim());
        return string.Join("&", known.Where(values.ContainsKey).Select(k => $"{k}={Uri.EscapeDataString(values[k])}"));
    }

    /// <summary>What is wrong with a name, if anything.</summary>
    public static InputError? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? new InputError("saved-search-name")
        : name.Trim().Length > MaxName ? new InputError("saved-search-name-long", MaxName, name.Trim().Length)
        : null;
}
