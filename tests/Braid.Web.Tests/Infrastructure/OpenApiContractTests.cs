using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Braid.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Infrastructure;

/// <summary>
/// <c>/openapi/v1.json</c> is a true contract: valid against the OpenAPI specification's own schema,
/// and holding every API endpoint with its route and query parameters and every response it declares,
/// each success typed (a body with a schema).
/// </summary>
public sealed class OpenApiContractTests
{
    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_and_describes_every_endpoint_its_parameters_and_typed_responses()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var (valid, version, errors) = await ValidateAsync(document);
        Assert.True(valid, string.Join("\n", errors));
        Assert.StartsWith("3.", version);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null && e.Metadata.GetMetadata<MethodInfo>() is not null
                        && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .ToList();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} API endpoints found");

        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var what = $"{method} {path}";
                if (document["paths"]?[path == "/" ? "/" : path.TrimEnd('/')]?[method.ToLowerInvariant()] is not JsonObject operation)
                {
                    problems.Add($"{what}: not in the document");
                    continue;
                }

                var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => ($"{p!["in"]}", $"{p["name"]}")).ToHashSet();
                foreach (var name in endpoint.RoutePattern.Parameters.Select(p => p.Name))
                {
                    if (!parameters.Contains(("path", name))) problems.Add($"{what}: route parameter {name} missing");
                }

                // A GET that reads the raw request has a query string the document cannot know.
                if (method == "GET" && endpoint.Metadata.GetMetadata<MethodInfo>()!.GetParameters().Any(p => p.ParameterType == typeof(HttpRequest)))
                {
                    problems.Add($"{what}: binds the raw HttpRequest; declare its query parameters");
                }

                foreach (var name in QueryParameters(endpoint.Metadata.GetMetadata<MethodInfo>()!))
                {
                    if (!parameters.Contains(("query", name))) problems.Add($"{what}: query parameter {name} missing");
                }

                var responses = operation["responses"]?.AsObject() ?? [];
                foreach (var status in endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).Distinct())
                {
                    if (!responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture))) problems.Add($"{what}: response {status} missing");
                }

                foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('2') && r.Key != "204"))
                {
                    if (response?["content"]?.AsObject().Any(c => c.Value?["schema"] is not null) != true) problems.Add($"{what}: response {status} has no typed body");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_validator_rejects_a_document_that_breaks_the_specification()
    {
        var (valid, _, errors) = await ValidateAsync(JsonNode.Parse("""{"openapi":"3.1.1","info":{"title":"no version"},"paths":{}}""")!);
        Assert.False(valid);
        Assert.Contains(errors, e => e.Contains("version", StringComparison.Ordinal));
    }

    /// <summary>The query names a handler binds: its [FromQuery] parameters and those of its [AsParameters] records.</summary>
    private static IEnumerable<string> QueryParameters(MethodInfo handler) =>
        handler.GetParameters().SelectMany(p => p.GetCustomAttribute<AsParametersAttribute>() is not null
            ? p.ParameterType.GetProperties().Select(q => q.GetCustomAttribute<FromQueryAttribute>()?.Name ?? (q.GetCustomAttribute<FromQueryAttribute>() is null ? null : q.Name))
            : [p.GetCustomAttribute<FromQueryAttribute>() is { } q ? q.Name ?? p.Name : null]).OfType<string>();

    private static async Task<(bool Valid, string Version, List<string> Errors)> ValidateAsync(JsonNode document)
    {
        var psi = new ProcessStartInfo("node", Path.Combine(RepoPaths.Root, "tests", "hsds-validator", "validate-openapi.mjs"))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(document.ToJsonString());
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "validator failed: " + error);
        var result = JsonNode.Parse(output)!;
        return ((bool)result["valid"]!, (string?)result["version"] ?? "", [.. result["errors"]!.AsArray().Select(e => e!.ToJsonString())]);
    }
}
