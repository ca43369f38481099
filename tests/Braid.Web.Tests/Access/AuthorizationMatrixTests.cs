using System.Net;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Access;
using Braid.Data.Directory;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

/// <summary>
/// Every endpoint of the route table, called by every role, on a resource of the caller's own
/// organization, of another organization, and by the same role in another community; each call
/// must be allowed or denied exactly as the expectations written below say. An endpoint missing
/// from the expectations fails the test, so a new endpoint has to be placed in the matrix.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private enum Scope { SameOrganization, OtherOrganization, OtherCommunity }

    /// <summary>Who may, written independently of AccessPolicy: role and scope in, allowed out.</summary>
    private static readonly Func<string?, Scope, bool> Anyone = (_, _) => true;
    private static readonly Func<string?, Scope, bool> OwnOrganizationAdmin = (role, scope) => role == Roles.OrgAdmin && scope == Scope.SameOrganization;
    private static readonly Func<string?, Scope, bool> OwnOrganizationStaff = (role, scope) => role is Roles.OrgAdmin or Roles.CboStaff && scope == Scope.SameOrganization;
    private static readonly Func<string?, Scope, bool> CommunityAdmin = (role, scope) => role == Roles.CommunityAdmin && scope != Scope.OtherCommunity;
    private static readonly Func<string?, Scope, bool> SignedInHere = (role, scope) => role is not null;
    private static readonly Func<string?, Scope, bool> Analysts = (role, scope) => role is Roles.Analyst or Roles.CommunityAdmin && scope != Scope.OtherCommunity;

    /// <summary>One call: the route pattern it exercises, how to make it, and who may.</summary>
    private sealed record Call(string Pattern, string Method, Func<Target, string> Url, Func<string?, Scope, bool> Allowed,
        Func<Target, Dictionary<string, string>>? Form = null, Func<Target, object>? Json = null);

    /// <summary>The resources a call is aimed at: an organization and one of its listings.</summary>
    private sealed record Target(string OrganizationId, string ServiceAtLocationId, string ClientId, string TokenClientId, string TokenSecret);

    private static readonly Call[] Calls =
    [
        new("api/directory/search", "GET", _ => "/api/directory/search?need=food-insecurity", Anyone),
        new("hsds/", "GET", _ => "/hsds/", Anyone),
        new("hsds/services", "GET", _ => "/hsds/services", Anyone),
        new("hsds/services/{id}", "GET", _ => "/hsds/services/" + Guid.NewGuid(), Anyone),
        new("hsds/organizations", "GET", _ => "/hsds/organizations", Anyone),
        new("hsds/organizations/{id}", "GET", t => "/hsds/organizations/" + t.OrganizationId, Anyone),
        new("hsds/service_at_locations", "GET", _ => "/hsds/service_at_locations", Anyone),
        new("hsds/service_at_locations/{id}", "GET", t => "/hsds/service_at_locations/" + t.ServiceAtLocationId, Anyone),
        new("hsds/taxonomies", "GET", _ => "/hsds/taxonomies", Anyone),
        new("hsds/taxonomies/{id}", "GET", _ => "/hsds/taxonomies/" + Guid.NewGuid(), Anyone),
        new("hsds/taxonomy_terms", "GET", _ => "/hsds/taxonomy_terms", Anyone),
        new("hsds/taxonomy_terms/{id}", "GET", _ => "/hsds/taxonomy_terms/" + Guid.NewGuid(), Anyone),
        new("openapi/{documentName}.json", "GET", _ => "/openapi/v1.json", Anyone),
        new("oauth/token", "POST", _ => "/oauth/token", Anyone, t => new() { ["grant_type"] = "client_credentials", ["client_id"] = t.TokenClientId, ["client_secret"] = t.TokenSecret }),
        new("api/organizations/{organizationId}/clients/", "GET", t => $"/api/organizations/{t.OrganizationId}/clients", OwnOrganizationAdmin),
        new("api/organizations/{organizationId}/clients/", "POST", t => $"/api/organizations/{t.OrganizationId}/clients", OwnOrganizationAdmin, Json: _ => new { name = "matrix", scopes = new[] { "directory.read" } }),
        new("api/organizations/{organizationId}/clients/{clientId}/rotate", "POST", t => $"/api/organizations/{t.OrganizationId}/clients/{t.ClientId}/rotate", OwnOrganizationAdmin),
        new("api/organizations/{organizationId}/clients/{clientId}/revoke", "POST", t => $"/api/organizations/{t.OrganizationId}/clients/{Guid.NewGuid()}/revoke", OwnOrganizationAdmin),
        new("api/listings/{serviceAtLocationId}", "GET", t => "/api/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff),
        new("api/listings/{serviceAtLocationId}", "PUT", t => "/api/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff, Json: _ => new { name = "" }),
        new("api/listings/{serviceAtLocationId}/verify", "POST", t => $"/api/listings/{t.ServiceAtLocationId}/verify", OwnOrganizationStaff),
        new("api/audit/", "GET", _ => "/api/audit?action=account.sign-in", CommunityAdmin),
        new("api/equity/report", "POST", _ => "/api/equity/report", Analysts, Json: _ => new { source = "demo", outcome = "need_met", by = "race" }),
        new("equity/report.css", "GET", _ => "/equity/report.css", Anyone),
        new("equity", "GET", _ => "/equity", Analysts),
        new("equity", "POST", _ => "/equity", Analysts, _ => new() { ["by"] = "race" }),
        new("equity/context", "GET", _ => "/equity/context", Analysts),
        new("equity/context", "POST", _ => "/equity/context", Analysts, _ => []),
        new("", "GET", _ => "/", Anyone),
        new("search", "GET", _ => "/search?zip=21217", Anyone),
        new("services/{id}", "GET", t => "/services/" + t.ServiceAtLocationId, Anyone),
        new("account/sign-in", "GET", _ => "/account/sign-in", Anyone),
        new("account/sign-out", "GET", _ => "/account/sign-out", Anyone),
        new("account/forgot-password", "GET", _ => "/account/forgot-password", Anyone),
        new("account/reset-password", "GET", _ => "/account/reset-password", Anyone),
        new("account/denied", "GET", _ => "/account/denied", Anyone),
        new("account/security", "GET", _ => "/account/security", SignedInHere),
        new("dev/outbox", "GET", _ => "/dev/outbox", Anyone),
        new("manage", "GET", _ => "/manage", SignedInHere),
        new("manage", "POST", t => "/manage?handler=Claim", OwnOrganizationAdmin, t => new() { ["organizationId"] = t.OrganizationId }),
        new("manage", "POST", t => "/manage?handler=Verify", OwnOrganizationStaff, t => new() { ["serviceAtLocationId"] = t.ServiceAtLocationId }),
        new("manage/listings/{id}", "GET", t => "/manage/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff),
        new("manage/listings/{id}", "POST", t => "/manage/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff, _ => new() { ["Form.Name"] = "" }),
        new("manage/listings/{id}/history", "GET", t => $"/manage/listings/{t.ServiceAtLocationId}/history", OwnOrganizationStaff),
        new("manage/claims", "GET", _ => "/manage/claims", CommunityAdmin),
        new("manage/claims", "POST", t => "/manage/claims", CommunityAdmin, t => new() { ["organizationId"] = t.OrganizationId, ["approve"] = "false" }),
        new("manage/audit", "GET", _ => "/manage/audit?action=account.sign-in", CommunityAdmin),
        new("manage/freshness", "GET", _ => "/manage/freshness", CommunityAdmin),
        new("manage/freshness", "POST", _ => "/manage/freshness", CommunityAdmin, _ => []),
    ];

    [Fact]
    public async Task Every_endpoint_in_the_route_table_is_in_the_matrix()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        _ = app.CreateClient();
        var patterns = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();
        Assert.Empty(patterns.Except(Calls.Select(c => c.Pattern)));
        Assert.Empty(Calls.Select(c => c.Pattern).Except(patterns));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_role_is_allowed_or_denied_exactly_as_expected(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var memberships = db.Memberships.ToList();
        var organizations = memberships.Select(m => m.OrganizationId).Distinct().ToList();
        var targets = new Dictionary<string, Target>();
        foreach (var organization in organizations) targets[organization] = await TargetAsync(app, db, organization);
        await CreateOutsidersAsync(app, memberships);

        var failures = new List<string>();
        foreach (var role in Roles.All.Prepend(null))
        {
            foreach (var scope in Enum.GetValues<Scope>())
            {
                if (role is null && scope != Scope.SameOrganization) continue; // nobody signed in has no organization
                var own = role is null ? organizations[0] : memberships.Single(m => m.Role == role).OrganizationId;
                var target = targets[scope == Scope.OtherOrganization ? organizations.First(o => o != own) : own];
                var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                if (role is not null)
                {
                    var email = scope == Scope.OtherCommunity ? $"outsider-{role}@elsewhere.example" : DemoAccounts.Email(role);
                    Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.PostSignInAsync(client, email, BraidApp.DemoPassword)).StatusCode);
                }

                var token = SignInTests.Token(await client.GetStringAsync(role is null ? "/account/sign-in" : "/"));
                foreach (var call in Calls)
                {
                    var response = await SendAsync(client, call, target, token);
                    var denied = IsDenied(response);
                    var expected = call.Allowed(role, scope);
                    if (denied == expected) failures.Add($"{call.Method} {call.Url(target)} as {role ?? "anonymous"} ({scope}): {(int)response.StatusCode} {response.Headers.Location}, expected {(expected ? "allowed" : "denied")}");
                }
            }
        }

        Assert.Empty(failures);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Call call, Target target, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url(target));
        if (call.Json is { } json)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(json(target));
        }
        else if (call.Method != "GET")
        {
            request.Content = new FormUrlEncodedContent((call.Form?.Invoke(target) ?? []).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        }

        return await client.SendAsync(request);
    }

    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ||
        (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } to &&
         (to.Contains("/account/sign-in", StringComparison.Ordinal) || to.Contains("/account/denied", StringComparison.Ordinal)));

    /// <summary>One listing and two API clients of the organization (one to rotate, one to get tokens with), for the calls to aim at.</summary>
    private static async Task<Target> TargetAsync(BraidApp app, BraidDbContext db, string organizationId)
    {
        var sal = await DemoListings.OfAsync(db, organizationId);
        using var scope = app.Services.CreateScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientStore>();
        var (rotated, _) = await clients.CreateAsync("demo", organizationId, "rotated by the matrix", [Scopes.DirectoryRead], "test");
        var (tokens, secret) = await clients.CreateAsync("demo", organizationId, "asks for tokens", [Scopes.DirectoryRead], "test");
        return new Target(organizationId, sal, rotated.Id, tokens.Id, secret);
    }

    /// <summary>The same roles and organizations, held in another community: nothing here is theirs.</summary>
    private static async Task CreateOutsidersAsync(BraidApp app, List<MembershipRow> memberships)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BraidUser>>();
        var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
        foreach (var m in memberships)
        {
            var user = new BraidUser { UserName = $"outsider-{m.Role}@elsewhere.example", Email = $"outsider-{m.Role}@elsewhere.example", EmailConfirmed = true, DisplayName = "Outsider" };
            Assert.True((await users.CreateAsync(user, BraidApp.DemoPassword)).Succeeded);
            db.Memberships.Add(new MembershipRow { CommunityId = "elsewhere", UserId = user.Id, OrganizationId = m.OrganizationId, Role = m.Role, CreatedAt = "2026-11-22" });
        }

        await db.SaveChangesAsync();
    }
}
