using Braid.Application;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Data.Directory;
using Braid.Data.Region;
using Braid.Testing;

namespace Braid.Application.Tests;

/// <summary>A caller the test names outright.</summary>
internal sealed class TestCaller(Actor actor) : ICaller
{
    public CommunityId CommunityId => Community.Demo;
    public string? Email => actor.Kind == ActorKind.User ? actor.Id[5..] + "@example.org" : null;
    public string? Address => "192.0.2.7";
    public Task<Actor> ActorAsync(CancellationToken ct = default) => Task.FromResult(actor);
}

/// <summary>A migrated database holding a small generated demo directory, and use-case contexts for callers in it.</summary>
internal sealed class Community : IAsyncDisposable
{
    public static readonly CommunityId Demo = new("demo");

    private Community(BraidDbContext db, HsdsDataset data) => (Db, Data) = (db, data);

    public BraidDbContext Db { get; }
    public HsdsDataset Data { get; }

    /// <summary>An organization that has a service at a location, and that listing.</summary>
    public (string Organization, string ServiceAtLocation) Listing
    {
        get
        {
            var sal = Data.All<ServiceAtLocation>().OrderBy(s => s.Id, StringComparer.Ordinal).First();
            return (Data.All<Service>().Single(s => s.Id == sal.ServiceId).OrganizationId!, sal.Id);
        }
    }

    public static async Task<Community> CreateAsync(string provider)
    {
        var db = DatabaseOptions.CreateContext(await TestDatabases.CreateAsync(provider));
        var store = new DirectoryStore(db);
        await store.EnsureCommunityAsync("demo", "Demo", "America/New_York");
        var data = new DemoCommunityGenerator(RegionData.Baltimore).Generate(20, new DateOnly(2026, 11, 1), "demo");
        await store.WriteAsync("demo", HsdsDatasetOrder.ParentsFirst(data));
        return new Community(db, data);
    }

    public UseCaseContext As(Actor actor, TimeProvider? time = null) => new(new TestCaller(actor), Db, new AuditLog(Db, time ?? TimeProvider.System), time ?? TimeProvider.System);

    public static Actor Staff(string userId, string organizationId, string role = Roles.OrgAdmin) => Actor.User(userId, Demo, [new Membership(new OrganizationId(organizationId), role)]);

    public static Actor CommunityAdmin => Actor.User("community", Demo, [new Membership(new OrganizationId("backbone"), Roles.CommunityAdmin)]);

    /// <summary>The community's audit events, oldest first, as "action outcome".</summary>
    public async Task<List<string>> AuditAsync(string? action = null)
    {
        var (_, events) = await new AuditLog(Db, TimeProvider.System).SearchAsync("demo", new AuditQuery { Action = action, PerPage = 1000 });
        return [.. events.OrderBy(e => e.Seq).Select(e => $"{e.Entry.Action} {e.Entry.Outcome}")];
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
