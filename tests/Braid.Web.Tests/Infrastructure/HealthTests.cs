using System.Net;
using Braid.Data;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Infrastructure;

/// <summary>Liveness answers while the process serves; readiness only while the database answers with the schema this build needs.</summary>
public sealed class HealthTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Ready_only_with_the_schema_this_build_needs_and_live_regardless(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));

        // The database falls one migration behind the build (as when a new version starts before migrating).
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)");
        }

        var behind = await client.GetAsync("/health/ready");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (behind.StatusCode, await behind.Content.ReadAsStringAsync()));
        var live = await client.GetAsync("/health/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
    }
}
