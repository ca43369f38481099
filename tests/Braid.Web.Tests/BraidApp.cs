using Braid.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests;

/// <summary>The web app on a fresh database of the given engine, seeded with a small demo community.</summary>
public sealed class BraidApp(string connectionString, TimeProvider? clock = null, string environment = "Development",
    IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test-demo-password-1";

    public string ConnectionString => connectionString;

    public static async Task<BraidApp> StartAsync(string provider, TimeProvider? clock = null) => new(await TestDatabases.CreateEmptyAsync(provider), clock);

    /// <summary>As deployed: the Production environment, with its public address set.</summary>
    public static async Task<BraidApp> StartProductionAsync(string provider, Action<IServiceCollection>? services = null) =>
        new(await TestDatabases.CreateEmptyAsync(provider), environment: "Production", settings: new Dictionary<string, string> { ["Braid:PublicBaseUrl"] = "http://localhost" }, services: services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Braid", connectionString);
        builder.UseSetting("Braid:DemoServices", "300");
        builder.UseSetting("Braid:DemoPeople", "300");
        builder.UseSetting("Braid:DemoPassword", DemoPassword);
        builder.UseSetting("Braid:DataDirectory", Path.Combine(Path.GetTempPath(), "braid-web-" + Guid.NewGuid().ToString("N")));
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (clock is not null) builder.ConfigureTestServices(s => s.AddSingleton(clock));
        if (services is not null) builder.ConfigureTestServices(services);
    }
}
