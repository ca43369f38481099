using System.Text.Json;
using Braid.Data.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests;

/// <summary>Registers an API client of an organization with its scopes and gets a bearer token for it, as an integrator would.</summary>
public static class ApiTokens
{
    public static async Task<string> IssueAsync(BraidApp app, HttpClient http, string organizationId, params string[] scopes)
    {
        using var services = app.Services.CreateScope();
        var (client, secret) = await services.ServiceProvider.GetRequiredService<ApiClientStore>().CreateAsync("demo", organizationId, "test client " + string.Join(" ", scopes), scopes, "test");
        var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.Id, ["client_secret"] = secret,
        }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
