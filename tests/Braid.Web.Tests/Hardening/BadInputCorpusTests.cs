using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Braid.Web.Tests.Hardening;

/// <summary>
/// A generated corpus of malformed input (wrong types, huge and negative numbers, NaN, unicode edge
/// cases, injection strings, long strings, duplicated parameters, broken and oversized bodies, wrong
/// content types, bad headers) sent to every operation of the OpenAPI document, each signed in as a
/// caller who may reach it, and to every page. The app as deployed answers none with a 5xx, logs no
/// error, carries the security headers on every answer, and a request it refuses leaves every table
/// (the audit trail aside, which records the attempts) exactly as it was.
/// </summary>
public sealed class BadInputCorpusTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    /// <summary>Values no field expects. "raw:" values go into a URL as they are (invalid percent-encoding).</summary>
    private static readonly string[] Values =
    [
        "", " ", "-1", "0", "2147483648", "-9223372036854775809", "1e309", "NaN", "-Infinity", "0x1F", "1,5", "١٢٣",
        "' OR '1'='1' --", "\"; DROP TABLE services; --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x/a}",
        "../../../../etc/passwd", "\0", "\uFEFF", "\u202Etxt.exe", "Z̴̧͔a̷l͠g̵o", "💥🏳️‍🌈", "null", "[]", "{}",
        "2026-02-30", "0001-01-01", "9999-12-31T23:59:59Z", "P1Y", new string('a', 10_000), "raw:%ED%A0%80", "raw:%", "raw:%zz",
    ];

    private static readonly string[] SecurityHeaders = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "X-Correlation-Id"];

    /// <summary>In a path, all but NUL: the test host refuses it before the app, as Kestrel does (400).</summary>
    private static readonly string[] PathValues = [.. Values.Where(v => v != "\0")];

    private static readonly string[] JsonBodies =
    [
        "", "{", "}", "[", "null", "[]", "\"text\"", "1e309", "NaN", "{\"a\":", "{\"a\":1,\"a\":2}", "{\"resourceType\":\"Patient\"}",
        "{\"resourceType\":\"NoSuchType\",\"id\":\"x\"}", "{\"resourceType\":\"Task\",\"status\":\"nonsense\",\"intent\":7}",
        "{\"name\":[],\"scopes\":{},\"rows\":\"x\",\"outcome\":1e400}", "{\"name\":null,\"scopes\":[null],\"rows\":[null],\"by\":null}",
        new string('[', 5_000) + new string(']', 5_000), "{\"x\":\"" + new string('a', 1_000_000) + "\"}", "\uFEFF{}", "{\"name\":\"\\ud800\"}",
    ];

    private static readonly (string ContentType, string Body)[] WrongContent =
    [
        ("text/plain", "hello"), ("application/xml", "<a/>"), ("multipart/form-data", "--x\r\n"), ("application/x-www-form-urlencoded", "a=%&b"),
        ("application/json; charset=utf-16", "{}"), ("text/csv", "race,met\n\"unclosed,1\n"), ("text/csv", ",,,\n,,,\n"), ("application/fhir+json", "{]"),
    ];

    [Theory, MemberData(nameof(Providers))]
    public async Task Thousands_of_malformed_inputs_get_no_5xx_no_logged_error_and_no_partial_write(string provider)
    {
        var logs = new LogCapture();
        await using var app = await BraidApp.StartProductionAsync(provider, s => s.AddSingleton<ILoggerProvider>(logs));
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var callers = new Dictionary<string, HttpClient>
        {
            [""] = anonymous,
            [Roles.Navigator] = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator)),
            [Roles.OrgAdmin] = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin)),
            [Roles.Analyst] = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst)),
            [Roles.CommunityAdmin] = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin)),
        };
        string organization;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
            organization = db.Memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
        var fhir = app.CreateClient(new() { AllowAutoRedirect = false });
        fhir.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await ApiTokens.IssueAsync(app, fhir, organization, Scopes.PersonRead, Scopes.ScreeningWrite, Scopes.ReferralRead, Scopes.ReferralWrite, Scopes.DirectoryRead, Scopes.DirectoryWrite));

        HttpClient CallerOf(string path) =>
            path.StartsWith("/fhir", StringComparison.Ordinal) ? fhir
            : path.StartsWith("/api/audit", StringComparison.Ordinal) ? callers[Roles.CommunityAdmin]
            : path.StartsWith("/api/equity", StringComparison.Ordinal) ? callers[Roles.Analyst]
            : path.StartsWith("/api/organizations", StringComparison.Ordinal) || path.StartsWith("/api/listings", StringComparison.Ordinal) ? callers[Roles.OrgAdmin]
            : anonymous;

        // The security page makes the authenticator key to scan on first view, as ASP.NET Core Identity's own page does: a write, once, before the look.
        foreach (var client in callers.Values.Skip(1)) await client.GetStringAsync("/account/security");

        var sent = 0;
        var failures = new List<string>();
        var before = await TablesAsync(app);
        async Task SendAsync(HttpClient client, HttpRequestMessage request, List<HttpStatusCode> statuses)
        {
            sent++;
            var what = $"{request.Method} {Shorten(request.RequestUri!.OriginalString)}";
            try
            {
                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
                if ((int)response.StatusCode >= 500) failures.Add($"{what}: {(int)response.StatusCode}");
                // Every answer, refusals included, carries the security headers.
                foreach (var header in SecurityHeaders.Where(h => !response.Headers.Contains(h)))
                    failures.Add($"{what}: {(int)response.StatusCode} without {header}");
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                failures.Add($"{what}: {e.GetType().Name} {e.Message}");
            }
        }

        // Each operation of the API, from its OpenAPI document.
        using var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
                var hasBody = operation.Value.TryGetProperty("requestBody", out _);
                var client = CallerOf(path.Name);
                string Url(string? pathValue = null, string queryString = "") =>
                    System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", pathValue is null ? "0000" : Encode(pathValue)) + queryString;
                var statuses = new List<HttpStatusCode>();

                foreach (var value in PathValues.Where(_ => path.Name.Contains('{', StringComparison.Ordinal)))
                    await SendAsync(client, Request(method, Url(value), hasBody ? "{}" : null), statuses);
                foreach (var name in query)
                {
                    foreach (var value in Values) await SendAsync(client, Request(method, Url(queryString: $"?{name}={Encode(value)}"), hasBody ? "{}" : null), statuses);
                    await SendAsync(client, Request(method, Url(queryString: $"?{name}=1&{name}=2&{name}="), hasBody ? "{}" : null), statuses);
                }

                if (hasBody)
                {
                    foreach (var body in JsonBodies) await SendAsync(client, Request(method, Url(), body), statuses);
                    foreach (var (type, body) in WrongContent) await SendAsync(client, Request(method, Url(), body, type), statuses);
                    var invalidUtf8 = Request(method, Url(), null);
                    invalidUtf8.Content = new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0xFF, 0x7D]) { Headers = { ContentType = new("application/json") } };
                    await SendAsync(client, invalidUtf8, statuses);
                }

                foreach (var (header, value) in new[] { ("Accept", "application/x-nonsense;q=abc"), ("If-Match", "W/\"not-a-version"), ("If-None-Match", "*, garbage"), ("Accept-Language", "xx-;q=2,,") })
                {
                    var request = Request(method, Url(), hasBody ? "{}" : null);
                    request.Headers.TryAddWithoutValidation(header, value);
                    await SendAsync(client, request, statuses);
                }

                before = await UnchangedUnlessAcceptedAsync(app, before, method, statuses, $"{method} {path.Name}", failures);
            }
        }

        // Each page, as each staff role, with malformed route values and query strings.
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(pages.Count > 40, $"{pages.Count} pages found");
        foreach (var page in pages)
        {
            var statuses = new List<HttpStatusCode>();
            foreach (var (role, client) in callers)
            {
                foreach (var value in PathValues.Where((_, i) => i % 3 == pages.IndexOf(page) % 3))
                {
                    var url = System.Text.RegularExpressions.Regex.Replace(page, "{[^}]+}", Encode(value) is { Length: > 0 } v ? v : "x");
                    await SendAsync(client, Request(HttpMethod.Get, $"{url}?q={Encode(value)}&lang={Encode(value)}&page={Encode(value)}&returnUrl={Encode(value)}&id={Encode(value)}", null), statuses);
                }
            }

            before = await UnchangedUnlessAcceptedAsync(app, before, HttpMethod.Get, statuses, "GET " + page, failures);
        }

        Assert.True(sent >= 2_000, $"only {sent} inputs were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} inputs failed:\n" + string.Join("\n", failures));
        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Exception?.GetType().Name} {e.Exception?.Message ?? e.Line}").Distinct().ToList();
        Assert.True(errors.Count == 0, "logged errors:\n" + string.Join("\n", errors));
    }

    /// <summary>
    /// Compares every table with the last look, the audit trail aside: a GET, or a change refused
    /// (nothing answered 2xx or 3xx), must not have changed anything. Returns the tables now.
    /// </summary>
    private static async Task<SortedDictionary<string, (int Rows, string Hash)>> UnchangedUnlessAcceptedAsync(BraidApp app,
        SortedDictionary<string, (int Rows, string Hash)> before, HttpMethod method, List<HttpStatusCode> statuses, string what, List<string> failures)
    {
        var after = await TablesAsync(app);
        var accepted = method != HttpMethod.Get && statuses.Any(s => (int)s < 400);
        if (!accepted)
        {
            foreach (var (table, fingerprint) in after.Where(t => !before.TryGetValue(t.Key, out var was) || was != t.Value))
                failures.Add($"{what}: refused, yet {table} changed ({before.GetValueOrDefault(table).Rows} → {fingerprint.Rows} rows)");
        }

        return after;
    }

    private static async Task<SortedDictionary<string, (int Rows, string Hash)>> TablesAsync(BraidApp app)
    {
        var tables = await EveryTable.FingerprintAsync(app.ConnectionString);
        foreach (var audit in new[] { "audit_events", "audit_lanes" }) tables.Remove(audit);
        return tables;
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, new UTF8Encoding(false), MediaTypeHeaderValue.Parse(contentType.Split(';')[0]));
        if (contentType.Contains(';', StringComparison.Ordinal)) request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    private static string Encode(string value) => value.StartsWith("raw:", StringComparison.Ordinal) ? value[4..] : Uri.EscapeDataString(value);

    private static string Shorten(string url) => url.Length > 120 ? url[..120] + "…" : url;
}
