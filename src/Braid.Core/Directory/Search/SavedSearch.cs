namespace Braid.Core.Directory.Search;

/// <summary>A search a staff member keeps by name, to run again with one click: the query string of its parameters.</summary>
public sealed record SavedSearch(string Id, string Owner, string Name, string Query, DateTimeOffset CreatedAt)
{
    public const int MaxName = 100, MaxPerOwner = 50;

    /// <summary>
    /// The parameters a saved search keeps: those given among <paramref name="known"/> with a value
    /// (trimmed; the last when one is given twice), in the order of <paramref name="known"/>, so
    /// the same search saved twice is the same text.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Keep(IEnumerable<KeyValuePair<string, string?>> given, IReadOnlyList<string> known)
    {
        var values = given.Where(p => !string.IsNullOrWhiteSpace(p.Value)).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value!.Trim());
        return [.. known.Where(values.ContainsKey).Select(k => KeyValuePair.Create(k, values[k]))];
    }

    /// <summary>The query string of kept parameters.</summary>
    public static string QueryOf(IEnumerable<KeyValuePair<string, string>> kept) =>
        string.Join("&", kept.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>What is wrong with a name, if anything.</summary>
    public static InputError? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? new InputError("saved-search-name")
        : name.Trim().Length > MaxName ? new InputError("saved-search-name-long", MaxName, name.Trim().Length)
        : null;
}
