using Braid.Core;
using Braid.Core.Directory.Search;

namespace Braid.Data.Directory;

public sealed class SavedSearchRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public string Name { get; set; } = "";
    public string Query { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Staff members' saved searches; each reads and removes only their own.</summary>
public sealed class SavedSearchStore(BraidDbContext db)
{
    public async Task<List<SavedSearch>> MineAsync(CommunityId community, string owner, CancellationToken ct = default) =>
        [.. (await db.SavedSearches.AsNoTracking().Where(s => s.CommunityId == community.Value && s.Owner == owner).ToListAsync(ct))
            .OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.CreatedAt)
            .Select(s => new SavedSearch(s.Id, s.Owner, s.Name, s.Query, s.CreatedAt))];

    public async Task AddAsync(CommunityId community, SavedSearch search, CancellationToken ct = default)
    {
        db.SavedSearches.Add(new SavedSearchRow { CommunityId = community.Value, Id = search.Id, Owner = search.Owner, Name = search.Name, Query = search.Query, CreatedAt = search.CreatedAt });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes the owner's search; false when they have none by that id.</summary>
    public async Task<bool> RemoveAsync(CommunityId community, string owner, string id, CancellationToken ct = default) =>
        await db.SavedSearches.Where(s => s.CommunityId == community.Value && s.Owner == owner && s.Id == id).ExecuteDeleteAsync(ct) > 0;
}
