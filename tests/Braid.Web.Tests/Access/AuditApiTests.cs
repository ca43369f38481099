using System.Net;
using System.Net.Http.Json;
using Braid.Core.Access;
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
        _ = app.CreateClient();
        var audit = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("audit", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(audit);
        Assert.All(audit, e => Assert.Equal(["GET"], e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods));
    }
}
