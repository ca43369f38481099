using System.Net;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

/// <summary>The route table is the list of everything Braid exposes; each entry must say who may use it.</summary>
public sealed class EndpointPolicyTests
{
    [Fact]
    public async Task Every_endpoint_declares_its_permission_or_that_it_is_public()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        _ = app.CreateClient();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        Assert.True(endpoints.Count > 15);
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<RequiredPermissionAttribute>() is null && e.Metadata.GetMetadata<PublicAttribute>() is null)
            .Select(e => e.DisplayName);
        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task Every_directory_read_endpoint_answers_without_signing_in()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var client = app.CreateClient();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<RequiredPermissionAttribute>()?.Permission == Permission.DirectoryRead)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{salId}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Contains("/hsds/services", routes);
        foreach (var route in routes)
        {
            var status = (await client.GetAsync(route)).StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{route} answered {status}");
        }
    }
}
