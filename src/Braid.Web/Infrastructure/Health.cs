using System.Data.Common;
using Braid.Data;
using Braid.Data.Migrations;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Braid.Web.Infrastructure;

/// <summary>
/// Liveness and readiness for an orchestrator: <c>/health/live</c> answers while the process
/// serves requests; <c>/health/ready</c> only when the database answers and its schema is the one
/// this build was written for.
/// </summary>
public static class Health
{
    public static IServiceCollection AddBraidHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReady>("database", tags: ["ready"]);
        return services;
    }

    public static void MapBraidHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).WithMetadata(new HttpMethodMetadata([HttpMethods.Get])).AllowEveryone();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).WithMetadata(new HttpMethodMetadata([HttpMethods.Get])).AllowEveryone();
    }

    private sealed class DatabaseReady(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
            try
            {
                var current = await Migrator.CurrentVersionAsync(db, ct);
                var expected = Migrator.For(DatabaseOptions.ProviderOf(db.Database.GetConnectionString()!))[^1].Version;
                return current == expected
                    ? HealthCheckResult.Healthy($"schema version {current}")
                    : HealthCheckResult.Unhealthy($"the schema is at version {current}; this build needs {expected}");
            }
            catch (DbException e)
            {
                return HealthCheckResult.Unhealthy("the database does not answer", e);
            }
        }
    }
}
