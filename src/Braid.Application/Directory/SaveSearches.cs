using Braid.Core.Directory.Search;
using Braid.Data.Directory;

namespace Braid.Application.Directory;

/// <summary>A staff member keeps searches by name to run them again; each sees and removes only their own.</summary>
public sealed class SaveSearches(UseCaseContext context, SavedSearchStore store, SearchDirectory directory)
{
    /// <summary>The parameters a saved search keeps: what was asked, not which page of it or in which language.</summary>
    public static readonly IReadOnlyList<string> Kept =
    [
        SearchParameters.Need, SearchParameters.Zip, SearchParameters.Lat, SearchParameters.Lon, SearchParameters.RadiusKm, SearchParameters.Language,
        SearchParameters.OpenNow, SearchParameters.OpenOn, SearchParameters.Free, SearchParameters.Accessible, SearchParameters.Age, SearchParameters.Text, SearchParameters.PerPage,
    ];

    /// <summary>Whether the caller may save searches, to offer it on the results page.</summary>
    public async Task<bool> MayAsync(CancellationToken ct = default) =>
        AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.SavedSearches, context.CommunityId).Allowed;

    public async Task<IReadOnlyList<SavedSearch>> MineAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.SavedSearches, ct: ct);
        return await store.MineAsync(context.CommunityId, actor.Id, ct);
    }

    /// <summary>Saves the search the parameters describe under the name; the fields that are wrong (none when saved).</summary>
    public async Task<IReadOnlyDictionary<string, InputError>> SaveAsync(string? name, IEnumerable<KeyValuePair<string, string?>> parameters, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.SavedSearches, ct: ct);
        var errors = new Dictionary<string, InputError>();
        if (SavedSearch.CheckName(name) is { } wrongName) errors["name"] = wrongName;
        var kept = SavedSearch.Keep(parameters, Kept);
        var query = SavedSearch.QueryOf(kept);
        if (kept.Count == 0) errors["query"] = new InputError("saved-search-empty");
        else
        {
            var values = kept.ToDictionary();
            var (_, wrong, _) = await directory.SearchAsync(new SearchInput(name => values.GetValueOrDefault(name)), ct);
            if (wrong.Count > 0) errors["query"] = new InputError("saved-search-invalid", string.Join(", ", wrong.Keys));
        }

        var mine = await store.MineAsync(context.CommunityId, actor.Id, ct);
        if (mine.Count >= SavedSearch.MaxPerOwner) errors["name"] = new InputError("saved-search-too-many", SavedSearch.MaxPerOwner);
        if (errors.Count > 0) return errors;

        var search = new SavedSearch(Guid.NewGuid().ToString(), actor.Id, name!.Trim(), query, context.Time.GetUtcNow());
        await context.ChangeAsync(async audit =>
        {
            await store.AddAsync(context.CommunityId, search, ct);
            audit.Record(actor, "searches.save", search.Query, target: Target(search.Id));
            return true;
        }, ct);
        return errors;
    }

    /// <summary>Removes one of the caller's searches; false when they have none by that id.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.SavedSearches, ct: ct);
        if (!(await store.MineAsync(context.CommunityId, actor.Id, ct)).Any(s => s.Id == id)) return false;
        return await context.ChangeAsync(async audit =>
        {
            audit.Record(actor, "searches.remove", id, target: Target(id));
            return await store.RemoveAsync(context.CommunityId, actor.Id, id, ct);
        }, ct);
    }

    private static string Target(string id) => "search:" + id;
}
