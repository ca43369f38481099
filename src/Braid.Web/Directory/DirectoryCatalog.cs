using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Search;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Braid.Web.Directory;

/// <summary>A consistent in-memory copy of the directory: the HSDS tables and the search index built from them.</summary>
public sealed record DirectorySnapshot(long Version, HsdsDataset Data, DirectoryIndex Index, TimeZoneInfo Zone);

/// <summary>
/// Serves the current snapshot and rebuilds it when the community's directory version changes
/// (an import or edit, from this process or another), checking at most once a second.
/// </summary>
public sealed class DirectoryCatalog(IServiceScopeFactory scopes, IOptions<BraidOptions> options, TimeProvider time, ILogger<DirectoryCatalog> logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private DirectorySnapshot? _current;
    private DateTimeOffset _checkedAt;

    public string CommunityId => options.Value.Community;

    public async Task<DirectorySnapshot> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is { } current && time.GetUtcNow() - _checkedAt < TimeSpan.FromSeconds(1))
        {
            return current;
        }

        await _lock.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
            var store = new DirectoryStore(db);
            var version = await store.DirectoryVersionAsync(CommunityId, ct);
            _checkedAt = time.GetUtcNow();
            if (_current is null || _current.Version != version)
            {
                var community = await db.Communities.FindAsync([CommunityId], ct);
                var zone = TimeZoneInfo.FindSystemTimeZoneById(community?.TimeZone ?? "America/New_York");
                var data = await store.LoadAsync(CommunityId, ct);
                var index = new DirectoryIndex(DirectoryEntryBuilder.Build(data, zone));
                _current = new DirectorySnapshot(version, data, index, zone);
                logger.LogInformation("Directory {Community} version {Version} loaded: {Entries} services at locations", CommunityId, version, index.Count);
            }

            return _current;
        }
        finally
        {
            _lock.Release();
        }
    }
}
