using System.Net;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

/// <summary>
/// A client on the same host (a loopback peer) sends X-Forwarded-For: Braid believes it only from a
/// proxy it was told to trust, so the rate limit and the audit trail see the real peer.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task A_loopback_client_cannot_name_its_own_address_to_the_audit_trail_or_the_rate_limit()
    {
        await using var app = await StartAsync(new Dictionary<string, string> { ["Braid:SecretFormsPerMinute"] = "3" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var responses = new List<HttpResponseMessage>();
        for (var i = 1; i <= 4; i++)
        {
            var page = await client.GetStringAsync("/account/sign-in");
            using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
            {
                Content = SignInTests.Form(SignInTests.Token(page), ("email", DemoAccounts.Email(Roles.Analyst)), ("password", "wrong-" + i)),
            };
            post.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            responses.Add(await client.SendAsync(post));
        }

        var addresses = (await SignInTests.AuditAsync(app)).Where(e => e.Entry.Action == "account.sign-in").Select(e => e.Entry.ClientAddress).Distinct();
        Assert.Equal(["127.0.0.1"], addresses);

        // Three guesses a minute from one peer, whatever address each claimed; the fourth is told when the minute is up.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        var retryAfter = responses[^1].Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(retryAfter is >= 1 and <= 60, $"Retry-After: {responses[^1].Headers.RetryAfter}");
    }

    [Fact]
    public async Task A_configured_proxy_is_believed()
    {
        await using var app = await StartAsync(new Dictionary<string, string> { ["Braid:TrustedProxies:0"] = "127.0.0.1" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/account/sign-in");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = SignInTests.Form(SignInTests.Token(page), ("email", DemoAccounts.Email(Roles.Analyst)), ("password", "wrong")),
        };
        post.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(post)).StatusCode);
        Assert.Contains(await SignInTests.AuditAsync(app), e => e.Entry.Action == "account.sign-in" && e.Entry.ClientAddress == "203.0.113.7");
    }

    private static async Task<BraidApp> StartAsync(Dictionary<string, string> settings) =>
        new(await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite), settings: settings, services: s => s.AddSingleton<IStartupFilter>(new LoopbackPeer()));

    /// <summary>Every request arrives from 127.0.0.1, as from a process on the same host (the test server gives none).</summary>
    private sealed class LoopbackPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate rest) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return rest(context);
            });
            next(app);
        };
    }
}
