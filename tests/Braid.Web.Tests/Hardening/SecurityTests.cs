using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Braid.Web.Tests.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Hardening;

/// <summary>OWASP ASVS level 2 items, each as a test: sessions, cookies, anti-forgery on every form, redirects.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task Every_form_handler_of_every_page_refuses_a_post_without_its_anti_forgery_token()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var staff = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var person = await PortalPagesTests.SignedUpAsync(app, "forms@example.org");
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + e.RoutePattern.RawText!.TrimStart('/'), Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(p => p.Page is not null).DistinctBy(p => p.Page!.ViewEnginePath).ToList();

        // The handlers are found from the page models themselves (OnPost, OnPostSign…), so a new form cannot be missed.
        var refused = new List<string>();
        foreach (var (route, page) in pages)
        {
            var model = typeof(Program).Assembly.GetType("Braid.Web.Pages" + page!.ViewEnginePath.Replace('/', '.') + "Model");
            var handlers = model?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => PostHandler().Match(m.Name)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct() ?? [];
            var url = RouteValue().Replace(route, "x");
            foreach (var handler in handlers)
            {
                var client = url.StartsWith("/me", StringComparison.Ordinal) ? person : staff;
                var response = await client.PostAsync(url + (handler.Length > 0 ? "?handler=" + handler : ""), new FormUrlEncodedContent([KeyValuePair.Create("name", "forged")]));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} ({(handler.Length > 0 ? handler : "default")}) without a token: {(int)response.StatusCode}");
                refused.Add($"{url} {handler}");
            }
        }

        Assert.True(refused.Count >= 40, $"only {refused.Count} form handlers found: {string.Join(", ", refused)}");
    }

    [Fact]
    public async Task Over_https_the_session_and_anti_forgery_cookies_are_secure_http_only_and_same_site_and_each_sign_in_gets_a_new_session()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var form = await client.GetAsync("/account/sign-in");
        var csrf = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("braid.csrf=", StringComparison.Ordinal));
        Assert.Contains("secure", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", csrf, StringComparison.OrdinalIgnoreCase);

        async Task<string> SessionAsync()
        {
            var signedIn = await SignInTests.PostSignInAsync(client, DemoAccounts.Email(Roles.Navigator), BraidApp.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("braid.auth=", StringComparison.Ordinal));
            foreach (var flag in new[] { "secure", "httponly", "samesite=lax" }) Assert.Contains(flag, cookie, StringComparison.OrdinalIgnoreCase);
            return cookie.Split(';')[0];
        }

        // The same browser signing in again, even holding its earlier session, gets a new one (no fixation).
        var first = await SessionAsync();
        var second = await SessionAsync();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_site_reached_over_https_marks_its_cookies_secure_even_when_a_request_arrives_as_plain_http()
    {
        // A TLS-terminating proxy that is not configured as trusted: its requests look like plain HTTP to Braid.
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite), settings: new Dictionary<string, string> { ["Braid:PublicBaseUrl"] = "https://braid.example.org" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://localhost") });
        var form = await client.GetAsync("/account/sign-in");
        Assert.True(form.Headers.Contains("Set-Cookie"), $"{(int)form.StatusCode} {form.Headers.Location}");
        var csrf = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("braid.csrf=", StringComparison.Ordinal));
        Assert.Contains("secure", csrf, StringComparison.OrdinalIgnoreCase);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = SignInTests.Form(SignInTests.Token(await form.Content.ReadAsStringAsync()), ("email", DemoAccounts.Email(Roles.Navigator)), ("password", BraidApp.DemoPassword)),
        };
        post.Headers.Add("Cookie", csrf.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("braid.auth=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http:/evil.example")]
    [InlineData(" //evil.example")]
    public async Task A_return_url_off_the_site_is_not_followed_after_sign_in(string returnUrl)
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var response = await client.PostAsync("/account/sign-in", SignInTests.Form(SignInTests.Token(page),
            ("email", DemoAccounts.Email(Roles.Navigator)), ("password", BraidApp.DemoPassword), ("returnUrl", returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("^OnPost(\\w*?)(?:Async)?$")]
    private static partial Regex PostHandler();

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex RouteValue();
}
