using Braid.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Braid.Web.Tests;

/// <summary>The web app on a fresh database of the given engine, seeded with a small demo community.</summary>
public sealed class BraidApp(string connectionString) : WebApplicationFactory<Program>
{
    public static async Task<BraidApp> StartAsync(string provider) => new(await TestDatabases.CreateEmptyAsync(provider));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Braid", connectionString);
        builder.UseSetting("Braid:DemoServices", "300");
    }
}
