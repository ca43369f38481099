using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Hardening;

/// <summary>
/// What a security and bad-input probe found, each replayed against the app as deployed
/// (Production): bad input gets a 4xx naming what is wrong, never a 500, and nothing stored changes.
/// </summary>
public sealed class BadInputProbeTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_hsds_queries_at_the_edges_of_dates_and_pages_When_listed_Then_they_answer_without_wrapping(string provider)
    {
        await using var app = await BraidApp.StartProductionAsync(provider);
        var client = app.CreateClient();

        var all = await client.GetAsync("/hsds/services?modified_after=0001-01-01");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(300, JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetProperty("total_items").GetInt32());

        foreach (var url in new[] { "/hsds/services?page=2147483647&per_page=2", "/hsds/services?page=2147483647&per_page=2&modified_after=2000-01-01" })
        {
            var far = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, far.StatusCode);
            var page = JsonDocument.Parse(await far.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(0, page.GetProperty("contents").GetArrayLength());
            Assert.True(page.GetProperty("empty").GetBoolean(), url);
        }
    }

    [Fact]
    public async Task Given_token_forms_the_framework_cannot_read_When_posted_Then_each_is_an_oauth_error_not_a_500()
    {
        await using var app = await BraidApp.StartProductionAsync(TestDatabases.Postgres);
        var client = app.CreateClient();
        var manyFields = string.Join("&", Enumerable.Range(0, 1100).Select(i => $"f{i}=x"));
        var longKey = new string('k', 3000) + "=x";
        foreach (var (name, body, contentType) in new[]
        {
            ("NUL in client_id", "grant_type=client_credentials&client_id=%00&client_secret=s", "application/x-www-form-urlencoded"),
            ("more than 1,024 fields", "grant_type=client_credentials&" + manyFields, "application/x-www-form-urlencoded"),
            ("a 3,000-character key", longKey, "application/x-www-form-urlencoded"),
            ("a broken multipart boundary", "--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials", "multipart/form-data; boundary=b"),
        })
        {
            var response = await client.PostAsync("/oauth/token", new StringContent(body, Encoding.UTF8) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } });
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{name}: {response.StatusCode}");
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
            Assert.True(error is "invalid_request" or "invalid_client", $"{name}: {error}");
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_equity_bodies_with_nulls_or_broken_json_When_posted_Then_the_problem_names_the_field(string provider)
    {
        await using var app = await BraidApp.StartProductionAsync(provider);
        var client = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        foreach (var (body, field) in new[]
        {
            ("""{"by":"race","outcome":"met","rows":[null]}""", "rows[0]"),
            ("""{"by":"race","outcome":"met","adjust":[null],"rows":[{"race":"White","met":1}]}""", "adjust[0]"),
            ("""{"by":"race","outcome":"met","order":["A",null],"rows":[{"race":"White","met":1}]}""", "order[1]"),
            ("""{"by":"race","outcome":"met","adjust":null,"rows":[{"race":"White","met":1}]}""", "adjust"),
            ("""{"by":"race", "outcome": """, "$"),
        })
        {
            var response = await client.PostAsync("/api/equity/report", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_listing_bodies_with_nulls_or_broken_json_When_put_Then_400_names_the_field_and_the_listing_is_unchanged(string provider)
    {
        await using var app = await BraidApp.StartProductionAsync(provider);
        var (client, sal) = await ListingWriterAsync(app);
        var before = await client.GetStringAsync($"/api/listings/{sal}");
        var form = JsonDocument.Parse(before).RootElement.GetProperty("form");
        foreach (var (key, value, field) in new[]
        {
            ("hours", "null", "hours"), ("languages", "null", "languages"), ("languages", "[null]", "languages"), ("hours", "[null]", "hours[0]"),
            ("hours", """[{"day":"mo","opens":"09:00","closes":"17:00"}]""", "hours[0]"),
            ("postalCode", "\"\u0662\u0661\u0662\u0661\u0667\"", "postal_code"), ("eligibility", "\"" + new string('x', 100_000) + "\"", "eligibility"),
            ("name", "\"Food\\u0000Pantry\"", "name"),
        })
        {
            var response = await client.PutAsync($"/api/listings/{sal}", Json(With(form, key, value)));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{key}={value[..Math.Min(40, value.Length)]}: {response.StatusCode}");
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }

        var malformed = await client.PutAsync($"/api/listings/{sal}", new StringContent("{\"name\": \"x\", \"hours\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("JSON", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetProperty("form").GetRawText(),
            JsonDocument.Parse(await client.GetStringAsync($"/api/listings/{sal}")).RootElement.GetProperty("form").GetRawText());
    }

    [Fact]
    public async Task Given_malformed_json_in_development_When_put_Then_it_is_a_400_too()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var (client, sal) = await ListingWriterAsync(app);
        var response = await client.PutAsync($"/api/listings/{sal}", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_a_site_shared_with_another_organization_When_its_address_is_edited_Then_it_is_refused_and_unchanged(string provider)
    {
        await using var app = await BraidApp.StartProductionAsync(provider);
        var (client, sal) = await ListingWriterAsync(app);
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var reader = new HsdsReader(db);
        var site = (ServiceAtLocation)(await reader.WhereInAsync("demo", HsdsModel.Table<ServiceAtLocation>(), "id", [sal])).Single();
        var other = db.Memberships.Single(m => m.Role == Roles.Navigator).OrganizationId;
        // As an HSDS import of a shared site does: another organization's service at the same location.
        await new DirectoryStore(db).WriteAsync("demo", [
            new Service { Id = Guid.NewGuid().ToString(), CommunityId = "demo", OrganizationId = other, Name = "Clinic outreach", Status = "active" } is var service ? service : null!,
            new ServiceAtLocation { Id = Guid.NewGuid().ToString(), CommunityId = "demo", ServiceId = service.Id, LocationId = site.LocationId }]);
        var before = JsonDocument.Parse(await client.GetStringAsync($"/api/listings/{sal}")).RootElement.GetProperty("form");
        var response = await client.PutAsync($"/api/listings/{sal}", Json(With(before, "address1", "\"1 Elsewhere Ave\"")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"address1\"", await response.Content.ReadAsStringAsync());
        var after = JsonDocument.Parse(await client.GetStringAsync($"/api/listings/{sal}")).RootElement.GetProperty("form");
        Assert.Equal(before.GetProperty("address1").GetString(), after.GetProperty("address1").GetString());
    }

    [Fact]
    public async Task Given_a_body_over_4_MB_When_posted_to_kestrel_Then_it_is_413_with_problem_details_and_security_headers()
    {
        // Kestrel enforces the body limit, so this runs the real server, not the in-memory test host.
        await using var server = await WebAppProcess.StartAsync([
            "--ConnectionStrings:Braid=" + await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite), "--Braid:DemoServices=50", "--environment=Production",
        ], TimeSpan.FromMinutes(2));
        // Expect: 100-continue, so the client waits for the server's answer instead of writing into a closed connection.
        using var http = new HttpClient { DefaultRequestHeaders = { ExpectContinue = true } };
        var form = "grant_type=client_credentials&client_secret=" + new string('x', 5 * 1024 * 1024);
        foreach (var chunked in new[] { true, false })
        {
            var body = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
            if (chunked) body.Headers.ContentLength = null; // then the server has to count
            var response = await http.PostAsync(server.Url + "/oauth/token", body);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task Given_a_server_error_When_answered_Then_the_security_headers_are_still_there()
    {
        await using var app = await BraidApp.StartProductionAsync(TestDatabases.Sqlite,
            services => services.AddSingleton<IStartupFilter>(new ThrowingPath("/__probe/boom")));
        var response = await app.CreateClient().GetAsync("/__probe/boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Given_a_forged_host_header_When_a_reset_link_is_requested_Then_the_link_points_at_the_configured_site_and_production_refuses_the_host()
    {
        await using (var dev = new BraidApp(await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite), settings: new Dictionary<string, string> { ["Braid:PublicBaseUrl"] = "https://braid.example.org" }))
        {
            // Over HTTPS, as people reach a site whose public address is https:// (its cookies are Secure).
            var client = dev.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
            client.DefaultRequestHeaders.Host = "evil.example";
            var page = await client.GetStringAsync("/account/forgot-password");
            await client.PostAsync("/account/forgot-password", SignInTests.Form(SignInTests.Token(page), ("email", DemoAccounts.Email(Roles.CboStaff))));
            var message = Assert.Single(dev.Services.GetRequiredService<OutboxEmailSender>().Messages());
            Assert.Contains("https://braid.example.org/account/reset-password?", message.Text);
            Assert.DoesNotContain("evil.example", message.Text);
        }

        await using var production = await BraidApp.StartProductionAsync(TestDatabases.Sqlite);
        var forged = production.CreateClient();
        forged.DefaultRequestHeaders.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/account/forgot-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await production.CreateClient().GetAsync("/account/forgot-password")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_a_cookie_copied_before_sign_out_When_used_after_Then_it_no_longer_signs_in(string provider)
    {
        await using var app = await BraidApp.StartProductionAsync(provider);
        var jar = new CookieContainer();
        var client = app.CreateDefaultClient(new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.PostSignInAsync(client, DemoAccounts.Email(Roles.Analyst), BraidApp.DemoPassword)).StatusCode);
        var copied = jar.GetCookieHeader(client.BaseAddress!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/equity")).StatusCode);

        var signOut = await client.PostAsync("/account/sign-out", SignInTests.Form(SignInTests.Token(await client.GetStringAsync("/account/sign-out"))));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replay = app.CreateDefaultClient();
        replay.DefaultRequestHeaders.Add("Cookie", copied);
        var response = await replay.GetAsync("/equity");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    private static async Task<(HttpClient Client, string ServiceAtLocationId)> ListingWriterAsync(BraidApp app)
    {
        var client = app.CreateClient(); // starts the app, which migrates and seeds the database
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var cbo = db.Memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
        var sal = await DemoListings.OfAsync(db, cbo);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiTokens.IssueAsync(app, client, cbo, Scopes.DirectoryWrite));
        return (client, sal);
    }

    // The form with one property's JSON replaced.
    private static string With(JsonElement form, string key, string json)
    {
        var o = JsonNode.Parse(form.GetRawText())!.AsObject();
        o[key] = JsonNode.Parse(json);
        return o.ToJsonString();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Adds a path that fails, to see what a 500 carries.</summary>
    private sealed class ThrowingPath(string path) : IStartupFilter
    {
        // After the app's own pipeline: reached, inside its error handling, when no endpoint matches.
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate rest) =>
                context.Request.Path == path ? throw new InvalidOperationException("probe: a failure inside the app") : rest(context));
        };
    }
}
