using System.Text.Json;
using Braid.Data;
using Braid.Data.Access;

namespace Braid.Web.Tests;

/// <summary>Registers an API client of an organization with its scopes and gets a bearer token for it, as an integrator would.</summary>
public static class ApiTokens
{
    public static Task<string> IssueAsync(BraidApp app, HttpClient http, string organizationId, params string[] scopes) =>
        IssueAsync(app.ConnectionString, http, organizationId, scopes);

    /// <summary>The same against any server on the database (a <see cref="Braid.Testing.WebAppProcess"/>): <paramref name="http"/> reaches the server.</summary>
    public static async Task<string> IssueAsync(string connectionString, HttpClient http, string organizationId, params string[] scopes)
    {
        var (clientId, secret) = await RegisterAsync(connectionString, organizationId, scopes);
        return (await TokenAsync(http, clientId, secret)).Token;
    }

    /// <summary>Registers an API client of the organization with these scopes: its id and secret.</summary>
    public static async Task<(string ClientId, string Secret)> RegisterAsync(string connectionString, string organizationId, params string[] scopes)
    {
        await using var db = DatabaseOptions.CreateContext(connectionString);
        var (client, secret) = await new ApiClientStore(db, TimeProvider.System).CreateAsync("demo", organizationId, "test client " + string.Join(" ", scopes), scopes, "test");
        return (client.Id, secret);
    }

    /// <summary>A bearer token for the client (the client-credentials grant) and how long it lasts.</summary>
    public static async Task<(string Token, TimeSpan Lifetime)> TokenAsync(HttpClient http, string clientId, string secret)
    {
        var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("access_token").GetString()!, TimeSpan.FromSeconds(json.RootElement.GetProperty("expires_in").GetInt32()));
    }
}
