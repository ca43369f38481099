using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Search;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Braid.Web.Directory;

/// <summary>
/// What searches need of one version of the directory, in memory: the index and the taxonomy
/// terms. The HSDS tables themselves stay in the database (the HSDS API reads them page by page).
/// </summary>
public sealed record DirectorySnapshot(long Version, DirectoryIndex Index, IReadOnlyList<TaxonomyTerm> Terms, TimeZoneInfo Zone);

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
                _current = await BuildAsync(store, version, zone, ct);
                var index = _current.Index;
                logger.LogInformation("Directory {Community} version {Version} loaded: {Entries} services at locations", CommunityId, version, index.Count);
            }

            return _current;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<DirectorySnapshot> BuildAsync(DirectoryStore store, long version, TimeZoneInfo zone, CancellationToken ct)
    {
        var snapshot = await LoadAndIndexAsync(store, version, zone, ct);
        // The full tables were loaded only to build the index. They are unreachable once the method
        // above has returned (an async method keeps its locals until it ends), so give that memory
        // back to the system now rather than keep the peak of a large directory for the life of the process.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return snapshot;
    }

    private async Task<DirectorySnapshot> LoadAndIndexAsync(DirectoryStore store, long version, TimeZoneInfo zone, CancellationToken ct)
    {
        var data = await store.LoadAsync(CommunityId, ct);
        return new DirectorySnapshot(version, new DirectoryIndex(DirectoryEntryBuilder.Build(data, zone)), [.. data.All<TaxonomyTerm>()], zone);
    }
}
