using Braid.Application.Funding;
using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Migrations;
using Braid.Data.Partnership;
using Braid.Data.People;
using Braid.Data.Region;
using Microsoft.Extensions.Options;

namespace Braid.Web.Infrastructure;

/// <summary>Brings the database schema up to date and, on first start, seeds the demo community.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<BraidOptions>>().Value;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Braid.Startup");
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        var applied = await Migrator.MigrateAsync(db, ct: ct, time: time);
        if (applied.Count > 0) logger.LogInformation("Applied migrations {Versions}", applied);

        var store = new DirectoryStore(db, time);
        var region = RegionData.Baltimore;
        await store.EnsureCommunityAsync(options.Community, region.Name, region.TimeZone, ct);
        if (options.SeedDemo && (await store.CountsAsync(options.Community, ct))["service"] == 0)
        {
            var data = new DemoCommunityGenerator(region).Generate(options.DemoServices, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), options.Community);
            var written = await store.WriteAsync(options.Community, HsdsDatasetOrder.ParentsFirst(data), ct: ct);
            var population = DemoPeople.Generate(region, data, time.GetUtcNow(), count: options.DemoPeople);
            await new PeopleStore(db).AddPopulationAsync(new CommunityId(options.Community), population, time.GetUtcNow(), ct);
            await DemoFunding.SeedAsync(db, new CommunityId(options.Community), DemoPeople.OfSector(data, "health-plan")[0], DemoPeople.OfSector(data, "public-agency")[0],
                DemoPeople.OfSector(data, "funder")[0], time.GetUtcNow(), ct);
            await SeedPartnershipAsync(db, new CommunityId(options.Community), data, time.GetUtcNow(), ct);
            var measures = new MeasureStore(db);
            foreach (var measure in DemoMeasures.Generate(DemoPeople.OfSector(data, "backbone")[0])) await measures.SaveAsync(new CommunityId(options.Community), measure, "demo", time.GetUtcNow(), ct);
            logger.LogInformation("Seeded demo community {Community}: {Records} HSDS records, {People} people", options.Community, written, population.People.Count);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BraidUser>>();
            var password = await DemoAccounts.CreateAsync(users, db, data, options.Community, options.DemoPassword, time.GetUtcNow());
            await SeedCohortAsync(db, new CommunityId(options.Community), time.GetUtcNow(), ct);
            var accounts = string.Join(", ", DemoAccounts.Accounts.Select(a => DemoAccounts.Email(a.Role)));
            if (scope.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                logger.LogWarning("Demo staff accounts {Accounts} share the password {Password} (development only)", accounts, password);
            }
            else
            {
                logger.LogInformation("Demo staff accounts {Accounts} created; set a password through the reset link", accounts);
            }
        }
    }

    /// <summary>One learning cohort of demo staff from a clinic, a CBO, a health plan and the backbone.</summary>
    private static async Task SeedCohortAsync(BraidDbContext db, CommunityId community, DateTimeOffset now, CancellationToken ct)
    {
        var store = new LearningStore(db);
        var byName = (await store.StaffAsync(community, ct)).ToDictionary(s => s.Name);
        var participants = new[] { Roles.Navigator, Roles.CboStaff, Roles.OrgAdmin, Roles.Funder, Roles.Analyst }
            .Select(role => byName[DemoAccounts.Accounts.Single(a => a.Role == role).Name]).Select(s => (s.User, s.Organization)).ToList();
        await store.SeedAsync(community, DemoLearning.Generate(participants, DateOnly.FromDateTime(now.UtcDateTime)), ct);
    }

    /// <summary>A dozen organizations of every sector on the Value Curve (the demo CBO staff's organization first), and the partnership they and a few more belong to.</summary>
    private static async Task SeedPartnershipAsync(BraidDbContext db, CommunityId community, HsdsDataset data, DateTimeOffset now, CancellationToken ct)
    {
        var organizations = new[] { ("community-based-organization", 6), ("health-care", 2), ("public-agency", 2), ("health-plan", 1), ("backbone", 1) }
            .SelectMany(s => DemoPeople.OfSector(data, s.Item1).Take(s.Item2)).ToList();
        var (assessments, plans) = DemoValueCurve.Generate(organizations, DateOnly.FromDateTime(now.UtcDateTime));
        var store = new ValueCurveStore(db);
        foreach (var assessment in assessments) await store.AddAsync(community, assessment, now, ct);
        foreach (var plan in plans) await store.SavePlanAsync(community, plan, "demo", now, ct);

        // The same organizations, with the 211 and the funders, are the partnership's members.
        var backbone = DemoPeople.OfSector(data, "backbone")[0];
        var members = organizations.Concat(new[] { "211", "funder" }.SelectMany(s => DemoPeople.OfSector(data, s).Take(1))).ToList();
        var governance = DemoGovernance.Generate(backbone, members, DateOnly.FromDateTime(now.UtcDateTime));
        await new GovernanceStore(db).SeedAsync(community, governance.Members, governance.Documents, governance.Inputs, governance.Decisions, now, ct);
    }
}
