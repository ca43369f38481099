using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Access;
using Braid.Data.Audit;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Braid.Web.Tests.Access;

public sealed class ClientsApiTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_the_audit_trail_cannot_be_written_When_a_client_is_registered_Then_no_client_is_left_behind(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        var org = await OrganizationOfAsync(app, Roles.OrgAdmin);
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            // The change and its audit event commit together or not at all: with the trail broken, nothing commits.
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "ALTER TABLE audit_events RENAME TO audit_events_gone");
        }

        var created = await admin.PostAsJsonAsync($"/api/organizations/{org}/clients", new { name = "Unaudited EHR", scopes = new[] { Scopes.DirectoryRead } });

        Assert.Equal(HttpStatusCode.InternalServerError, created.StatusCode);
        await using var check = DatabaseOptions.CreateContext(app.ConnectionString);
        Assert.DoesNotContain(check.ApiClients, c => c.Name == "Unaudited EHR");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_client_gets_a_short_lived_token_that_expires_and_its_secret_rotates_and_revokes(string provider)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await BraidApp.StartAsync(provider, clock);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        var org = await OrganizationOfAsync(app, Roles.OrgAdmin);

        var created = await admin.PostAsJsonAsync($"/api/organizations/{org}/clients", new { name = "Clinic EHR", scopes = new[] { Scopes.DirectoryRead } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.Content.ReadFromJsonAsync<ClientSecretDto>();
        var listed = await admin.GetStringAsync($"/api/organizations/{org}/clients");
        Assert.Contains("Clinic EHR", listed);
        Assert.DoesNotContain(client!.ClientSecret, listed);

        var api = app.CreateClient();
        var token = await TokenAsync(api, client.Id, client.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api, token, "/hsds/services?per_page=1")).StatusCode);

        clock.Advance(ApiClientStore.TokenLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, token, "/hsds/services?per_page=1")).StatusCode);

        // A rotation is for a secret that may have leaked: the tokens it bought stop working too.
        var boughtWithOldSecret = await TokenAsync(api, client.Id, client.ClientSecret);
        var rotated = await (await admin.PostAsync($"/api/organizations/{org}/clients/{client.Id}/rotate", null)).Content.ReadFromJsonAsync<ClientSecretDto>();
        Assert.Equal("invalid_client", await TokenErrorAsync(api, client.Id, client.ClientSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, boughtWithOldSecret, "/hsds/services?per_page=1")).StatusCode);
        var fresh = await TokenAsync(api, client.Id, rotated!.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api, fresh, "/hsds/services?per_page=1")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/organizations/{org}/clients/{client.Id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, fresh, "/hsds/services?per_page=1")).StatusCode);
        Assert.Equal("invalid_client", await TokenErrorAsync(api, client.Id, rotated.ClientSecret));

        var outcomes = await AuditOutcomesAsync(app);
        Assert.Contains("rejected: token expired", outcomes);
        Assert.Contains("rejected: token revoked", outcomes);
        Assert.Contains("refused: invalid_client", outcomes);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_token_without_the_scope_is_forbidden_and_scopes_cannot_be_widened(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        var org = await OrganizationOfAsync(app, Roles.OrgAdmin);
        var writer = await (await admin.PostAsJsonAsync($"/api/organizations/{org}/clients", new { name = "Writer", scopes = new[] { Scopes.DirectoryWrite } }))
            .Content.ReadFromJsonAsync<ClientSecretDto>();

        var api = app.CreateClient();
        var token = await TokenAsync(api, writer!.Id, writer.ClientSecret);
        var response = await GetAsync(api, token, "/hsds/services");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("directory.read", await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_scope", await TokenErrorAsync(api, writer.Id, writer.ClientSecret, "directory.read"));
        Assert.Contains("denied: the client lacks the directory.read scope", await AuditOutcomesAsync(app));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Only_the_organizations_own_administrators_manage_its_clients(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        var org = await OrganizationOfAsync(app, Roles.OrgAdmin);
        var body = new { name = "EHR", scopes = new[] { Scopes.DirectoryRead } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/organizations/{org}/clients", body)).StatusCode);
        foreach (var role in new[] { Roles.CboStaff, Roles.Navigator, Roles.CommunityAdmin })
        {
            var other = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(role));
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/organizations/{org}/clients", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/organizations/{org}/clients")).StatusCode);
        }

        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        var someoneElses = await OrganizationOfAsync(app, Roles.Navigator);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/organizations/{someoneElses}/clients", body)).StatusCode);
        var invalid = await admin.PostAsJsonAsync($"/api/organizations/{org}/clients", new { name = "", scopes = new[] { "everything" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"name\"", problem);
        Assert.Contains("Unknown scope(s) everything", problem);
        Assert.Equal("[]", await admin.GetStringAsync($"/api/organizations/{org}/clients"));
    }

    private static async Task<string> OrganizationOfAsync(BraidApp app, string role)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        return db.Memberships.Single(m => m.Role == role).OrganizationId;
    }

    private static FormUrlEncodedContent TokenRequest(string id, string secret, string? scope) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret, ["scope"] = scope ?? "",
    });

    private static async Task<string> TokenAsync(HttpClient api, string id, string secret)
    {
        var response = await api.PostAsync("/oauth/token", TokenRequest(id, secret, null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.InRange(json.RootElement.GetProperty("expires_in").GetInt32(), 1, 3600);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<string> TokenErrorAsync(HttpClient api, string id, string secret, string? scope = null)
    {
        var response = await api.PostAsync("/oauth/token", TokenRequest(id, secret, scope));
        Assert.False(response.IsSuccessStatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string token, string url) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } });

    private static async Task<List<string>> AuditOutcomesAsync(BraidApp app)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        return [.. (await new AuditLog(db, TimeProvider.System).SearchAsync("demo", new AuditQuery { PerPage = 500 })).Events.Select(e => e.Entry.Outcome)];
    }
}
