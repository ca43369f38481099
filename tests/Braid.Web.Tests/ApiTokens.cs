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
        string clientId, secret;
        await using (var db = DatabaseOptions.CreateContext(connectionString))
        {
            var (client, clientSecret) = await new ApiClientStore(db, TimeProvider.System).CreateAsync("demo", organizationId, "test client " + string.Join(" ", scopes), scopes, "test");
            (clientId, secret) = (client.Id, clientSecret);
        }

        var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
