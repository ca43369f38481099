using System.Net;
using System.Net.Http.Json;
using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

public sealed class AuditApiTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_community_admin_finds_failed_sign_ins_by_action_and_time(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var someone = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await SignInTests.PostSignInAsync(someone, DemoAccounts.Email(Roles.Analyst), "wrong-password-123");
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInTests.PostSignInAsync(admin, DemoAccounts.Email(Roles.CommunityAdmin), BraidApp.DemoPassword);

        var page = await admin.GetFromJsonAsync<AuditPageDto>($"/api/audit?action=account.sign-in&from={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.Equal(2, page!.TotalItems);
        Assert.Equal(["succeeded", "failed: wrong password"], page.Events.Select(e => e.Outcome));
        Assert.True(page.Events[0].Seq > page.Events[1].Seq);

        var html = await admin.GetStringAsync("/manage/audit?action=account.sign-in");
        Assert.Contains("failed: wrong password", html);
        Assert.Contains("2 events", html);

        var bad = await admin.GetAsync("/api/audit?from=yesterday&per_page=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"from\"", problem);
        Assert.Contains("\"per_page\"", problem);
    }

    [Fact]
    public async Task No_endpoint_can_change_or_delete_audit_events()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.Contains("audit", StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        Assert.Equal(2, routes.Count);
        var token = SignInTests.Token(await admin.GetStringAsync("/"));
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var log = new AuditLog(db, TimeProvider.System);
        var before = await log.SearchAsync("demo", new AuditQuery { PerPage = 200 });
        foreach (var route in routes)
        {
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
            {
                var response = await admin.SendAsync(new HttpRequestMessage(method, route) { Content = SignInTests.Form(token, ("seq", "1"), ("outcome", "denied")) });
                Assert.False(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.NoContent, $"{method} {route} answered {(int)response.StatusCode}");
            }
        }

        var after = await log.SearchAsync("demo", new AuditQuery { PerPage = 200 });
        Assert.Equal(before.Events.Select(e => (e.Seq, e.Hash)), after.Events.Select(e => (e.Seq, e.Hash)));
        Assert.True((await log.VerifyAsync()).Intact);
    }
}
