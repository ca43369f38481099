using System.Globalization;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Search;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Region;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Braid.Application.Directory;

/// <summary>Query parameter names of the navigator search, shared by the API and the pages.</summary>
public static class SearchParameters
{
    public const string Need = "need", Lat = "lat", Lon = "lon", Zip = "zip", RadiusKm = "radius_km", Language = "language",
        OpenNow = "open_now", OpenOn = "open_on", Free = "free", Accessible = "accessible", Age = "age", Text = "q",
        Household = "household", Income = "income", County = "county", Eligible = "eligible", Page = "page", PerPage = "per_page";
}

/// <summary>A search as the navigator typed it: each parameter's text by its name in <see cref="SearchParameters"/> (missing: null).</summary>
public sealed record SearchInput(Func<string, string?> Value);

/// <summary>
/// What searches need of one version of the directory, in memory: the index and the taxonomy
/// terms. The HSDS tables themselves stay in the database (the HSDS API reads them page by page).
/// </summary>
public sealed record DirectorySnapshot(long Version, LiveDirectoryIndex Index, IReadOnlyList<TaxonomyTerm> Terms, TimeZoneInfo Zone);

/// <summary>
/// The navigator's search, for the API and the pages: parameters checked one by one, then the
/// in-memory index of the current directory. The index is rebuilt when the community's directory
/// version changes (an import or edit, from this process or another), checked four times a second.
/// </summary>
public sealed class SearchDirectory(IServiceScopeFactory scopes, string communityId, TimeProvider time, ILogger<SearchDirectory> logger)
{
    /// <summary>How often the directory version is checked: a cheap query, and the bound on how stale a search can be.</summary>
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Lock _swap = new();
    private volatile DirectorySnapshot? _current;
    private DateTimeOffset _checkedAt;
    private Task? _background;

    public string CommunityId => communityId;

    /// <summary>
    /// One page of the services at locations that match, ranked; or, with nothing searched, an error
    /// per bad parameter. <paramref name="forPerson"/> is what a person's record says, for each
    /// result to be judged against its eligibility rules.
    /// </summary>
    public async Task<(SearchResults? Results, Dictionary<string, InputError> Errors, DirectorySnapshot Snapshot)> SearchAsync(SearchInput input, CancellationToken ct = default,
        PersonFacts? forPerson = null)
    {
        var snapshot = await CurrentAsync(ct);
        var (query, errors) = Parse(input, RegionData.Gazetteer, snapshot.Terms, time.GetUtcNow());
        if (forPerson is { Any: true }) query = query with { For = forPerson };
        return (errors.Count == 0 ? snapshot.Index.Search(query) : null, errors, snapshot);
    }

    /// <summary>Turns the parameters into a <see cref="SearchQuery"/>, collecting an error per bad parameter.</summary>
    private static (SearchQuery Query, Dictionary<string, InputError> Errors) Parse(SearchInput input, Gazetteer gazetteer, IReadOnlyList<TaxonomyTerm> terms, DateTimeOffset now)
    {
        var errors = new Dictionary<string, InputError>();
        void Error(string parameter, string key, params object[] args) => errors[parameter] = new InputError(key, args);
        string? Text(string name) => input.Value(name) is { Length: > 0 } s ? s.Trim() : null;

        double? Number(string name, double min, double max)
        {
            if (Text(name) is not { } s) return null;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v))
            {
                Error(name, "not-a-number", s);
                return null;
            }

            if (v >= min && v <= max) return v;
            Error(name, "out-of-range", min, max, s);
            return null;
        }

        int Integer(string name, int fallback, int min, int max)
        {
            if (Text(name) is not { } s) return fallback;
            if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            {
                Error(name, "whole-number", min, max, s);
                return fallback;
            }

            return v;
        }

        var lat = Number(SearchParameters.Lat, -90, 90);
        var lon = Number(SearchParameters.Lon, -180, 180);
        GeoPoint? origin = null;
        if (lat is null != lon is null)
        {
            Error(lat is null ? SearchParameters.Lat : SearchParameters.Lon, "lat-lon-together");
        }
        else if (lat is { } la && lon is { } lo)
        {
            origin = new GeoPoint(la, lo);
        }

        if (Text(SearchParameters.Zip) is { } zip)
        {
            if (origin is not null) Error(SearchParameters.Zip, "zip-or-point");
            else if (gazetteer.Resolve(zip) is { Kind: "zip" } place) origin = place.Point;
            else Error(SearchParameters.Zip, "zip-unknown", zip);
        }

        var radius = Number(SearchParameters.RadiusKm, 0.01, 500);
        if (radius is not null && origin is null && !errors.ContainsKey(SearchParameters.Zip) && !errors.ContainsKey(SearchParameters.Lat))
        {
            Error(SearchParameters.RadiusKm, "radius-needs-place");
        }

        bool Flag(string name)
        {
            if (Text(name) is not { } given || bool.TryParse(given, out var value) && !value) return false;
            if (value || given is "1" or "on") return true;
            if (given is not ("0" or "off")) Error(name, "boolean", given);
            return false;
        }

        var openNow = Flag(SearchParameters.OpenNow);
        var free = Flag(SearchParameters.Free);
        var accessible = Flag(SearchParameters.Accessible);
        DateOnly? openOn = null;
        if (Text(SearchParameters.OpenOn) is { } day)
        {
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) openOn = date;
            else Error(SearchParameters.OpenOn, "date", day);
        }

        int? age = Text(SearchParameters.Age) is null ? null : Integer(SearchParameters.Age, 0, 0, 130);

        // What is known about the person the search is for, beside the age: each result is judged against its eligibility rules.
        int? household = Text(SearchParameters.Household) is null ? null : Integer(SearchParameters.Household, 1, 1, Core.People.PersonRules.MaxHouseholdSize);
        var income = Number(SearchParameters.Income, 0, 100_000_000);
        if (income is not null && household is null) Error(SearchParameters.Income, "income-needs-household");
        var county = Text(SearchParameters.County);
        if (county is not null && !(county.Length == 5 && county.All(char.IsAsciiDigit))) Error(SearchParameters.County, "county-code", county);
        var facts = new PersonFacts { Age = age, HouseholdSize = household, YearlyIncome = (decimal?)income, County = county };
        var eligibleOnly = Flag(SearchParameters.Eligible);

        var need = Text(SearchParameters.Need);
        if (need is not null && !terms.Any(t => string.Equals(t.Code, need, StringComparison.OrdinalIgnoreCase) || t.Id == need))
        {
            Error(SearchParameters.Need, "need-unknown", need);
        }

        var query = new SearchQuery
        {
            Need = need,
            Origin = origin,
            RadiusKm = radius,
            Language = Text(SearchParameters.Language),
            OpenNow = openNow,
            OpenOn = openOn,
            Free = free,
            Accessible = accessible,
            Age = age,
            For = facts.Any ? facts : null,
            HideIneligible = eligibleOnly,
            Text = Text(SearchParameters.Text),
            At = now,
            Page = Integer(SearchParameters.Page, 1, 1, 100_000),
            PerPage = Integer(SearchParameters.PerPage, 20, 1, SearchQuery.MaxPerPage),
        };
        return (query, errors);
    }

    /// <summary>
    /// The current directory, at once. Four times a second at most a search also starts a check of
    /// the community's directory version in the background: what changed since is applied to the
    /// live index in place (the listings touched, read from the change log), and a change too large
    /// for that is rebuilt, while searches go on against the version they have. Only the very first
    /// search waits, for the index to load.
    /// </summary>
    public async Task<DirectorySnapshot> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is { } current)
        {
            if (time.GetUtcNow() - _checkedAt >= CheckEvery) RefreshInBackground();
            return current;
        }

        await RefreshNowAsync(ct);
        return _current!;
    }

    /// <summary>Brings the index up to date before returning: after a change committed here, so the next search sees it.</summary>
    public async Task RefreshNowAsync(CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await RefreshAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    private void RefreshInBackground()
    {
        if (!_lock.Wait(0)) return; // a refresh is under way
        _checkedAt = time.GetUtcNow();
        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Directory {Community}: updating the search index failed; searches go on against version {Version}", CommunityId, _current?.Version);
            }
            finally
            {
                _lock.Release();
            }
        });
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
        var store = new DirectoryStore(db);
        var version = await store.DirectoryVersionAsync(CommunityId, ct);
        _checkedAt = time.GetUtcNow();
        if (_current is not { } current)
        {
            _current = await LoadAndIndexAsync(db, version, ct);
            // The full tables were loaded only to build the index. They are unreachable once the method
            // above has returned (an async method keeps its locals until it ends), so give that memory
            // back to the system now rather than keep the peak of a large directory for the life of the process.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            logger.LogInformation("Directory {Community} version {Version} loaded: {Entries} services at locations", CommunityId, version, _current.Index.Count);
            return;
        }

        if (current.Version == version) return;
        if (await store.ChangesSinceAsync(CommunityId, current.Version, ct) is not { } delta)
        {
            BuildAside(async () =>
            {
                using var owner = scopes.CreateScope();
                return await LoadAndIndexAsync(owner.ServiceProvider.GetRequiredService<BraidDbContext>(), version, CancellationToken.None);
            }, replaces: null);
            return;
        }

        var data = await store.LoadListingsAsync(CommunityId, delta.Touched, ct);
        var entries = DirectoryEntryBuilder.Build(data, current.Zone).ToList();
        var indexed = entries.Select(e => e.ServiceAtLocationId).ToHashSet(StringComparer.Ordinal);
        var removed = delta.Touched.Concat(delta.Logged).Where(id => !indexed.Contains(id)).Distinct().ToList();
        var terms = current.Terms.ExceptBy(data.All<TaxonomyTerm>().Select(t => t.Id), t => t.Id).Concat(data.All<TaxonomyTerm>()).ToList();
        var updated = current with { Version = delta.Version, Index = current.Index.With(entries, removed), Terms = terms };
        lock (_swap) _current = updated;
        logger.LogInformation("Directory {Community} version {Version}: {Changed} listings re-indexed, {Removed} removed in place", CommunityId, delta.Version, entries.Count, removed.Count);
        if (updated.Index.DeltaCount > Math.Max(1_000, updated.Index.Count / 20))
        {
            BuildAside(() => Task.FromResult(updated with { Index = updated.Index.Compact() }), replaces: updated);
        }
    }

    /// <summary>
    /// Builds a snapshot off the search path and swaps it in if it is still wanted: a compaction
    /// only over the very snapshot it compacted, a rebuild only if no newer version is being served.
    /// </summary>
    private void BuildAside(Func<Task<DirectorySnapshot>> build, DirectorySnapshot? replaces)
    {
        lock (_swap)
        {
            if (_background is { IsCompleted: false }) return;
            _background = Task.Run(async () =>
            {
                try
                {
                    var built = await build();
                    lock (_swap)
                    {
                        if (replaces is not null ? ReferenceEquals(_current, replaces) : built.Version >= (_current?.Version ?? 0)) _current = built;
                    }
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Directory {Community}: rebuilding the search index failed; searches go on against version {Version}", CommunityId, _current?.Version);
                }
            });
        }
    }

    private async Task<DirectorySnapshot> LoadAndIndexAsync(BraidDbContext db, long version, CancellationToken ct)
    {
        var community = await db.Communities.FindAsync([CommunityId], ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(community?.TimeZone ?? "America/New_York");
        var data = await new DirectoryStore(db).LoadAsync(CommunityId, ct);
        return new DirectorySnapshot(version, new LiveDirectoryIndex(new DirectoryIndex(DirectoryEntryBuilder.Build(data, zone))), [.. data.All<TaxonomyTerm>()], zone);
    }
}
