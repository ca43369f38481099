using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Braid.Web.Tests.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.ResourceLists;

/// <summary>A navigator ticks services on a search, makes a list in the person's language, and prints, emails or texts it.</summary>
public sealed partial class ResourceListPagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    /// <summary>The services at locations a search page lists, in order.</summary>
    internal static List<string> Listed(string html) => [.. Listing().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>Makes a list of the services as a navigator; returns its code.</summary>
    internal static async Task<string> MakeAsync(HttpClient navigator, IEnumerable<string> services, string language)
    {
        var form = await navigator.GetStringAsync("/lists/new?lang=en&" + string.Join("&", services.Select(s => "sal=" + s)));
        var made = await navigator.PostAsync("/lists/new?lang=en",
            SignInTests.Form(SignInTests.Token(form), [.. services.Select(s => ("sal", s)), ("language", language)]));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        return ListCode().Match(made.Headers.Location!.OriginalString).Groups[1].Value;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_makes_a_Spanish_list_that_its_short_link_opens_in_Spanish_for_anyone(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator));
        var anonymous = PortalPagesTests.Browser(app);

        var results = WebUtility.HtmlDecode(await navigator.GetStringAsync("/search?need=food-insecurity&lang=en"));
        var found = Listed(results);
        Assert.Equal(found, Ticks().Matches(results).Select(m => m.Groups[1].Value)); // a box to tick beside every result
        Assert.DoesNotContain("form=\"pick\"", await anonymous.GetStringAsync("/search?need=food-insecurity&lang=en"));

        var code = await MakeAsync(navigator, found.Take(2), "es");
        var page = WebUtility.HtmlDecode(await navigator.GetStringAsync($"/lists/{code}?lang=en"));
        Assert.Contains($"/l/{code}", page);
        Assert.Contains("In Español.", page);

        var opened = await anonymous.GetAsync($"/l/{code}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/l/{code}?lang=es", opened.Headers.Location!.OriginalString);
        var printable = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/l/{code}?lang=es"));
        Assert.Contains("Servicios para usted", printable);
        Assert.Equal(found.Take(2), Regex.Matches(printable, "<a href=\"/services/([^?\"]+)").Select(m => m.Groups[1].Value));
        Assert.Contains("Horario", printable);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/l/zzzzzzzz?lang=en")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/l/not-a-code?lang=en")).StatusCode);
    }

    [Fact]
    public async Task A_text_carries_only_the_short_link_and_fits_one_SMS_and_an_email_names_every_service()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator));
        var found = Listed(WebUtility.HtmlDecode(await navigator.GetStringAsync("/search?need=food-insecurity&lang=en")));
        var names = await ServiceNamesAsync(app, found.Take(3));

        foreach (var language in new[] { "en", "es" })
        {
            var code = await MakeAsync(navigator, found.Take(3), language);
            var phone = language == "en" ? "4105550101" : "4105550102";
            await SendAsync(navigator, code, $"(410) 555-{phone[^4..]}");
            await SendAsync(navigator, code, $"list.{language}@example.org");

            var sms = Body(await SentAsync(app, $"To: {phone}\nSMS"));
            Assert.Contains($"/l/{code}", sms);
            Assert.All(names, n => Assert.DoesNotContain(n, sms));
            // GSM 03.38: 160 characters of its 7-bit alphabet, or 70 of UCS-2 when any other character is used.
            Assert.True(sms.Length <= (sms.All(Gsm7.Contains) ? 160 : 70), $"{sms.Length} characters: {sms}");

            var email = await SentAsync(app, $"To: list.{language}@example.org\n");
            Assert.Contains($"/l/{code}", email);
            Assert.All(names, n => Assert.Contains(n, email));
        }

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var sends = (await new Data.Audit.AuditLog(db, TimeProvider.System).SearchAsync("demo", new Data.Audit.AuditQuery { Action = "lists.send" })).Events;
        Assert.Contains(sends, e => e.Entry.Outcome == "…0101");
    }

    [Fact]
    public async Task Wrong_input_is_named_and_stores_nothing()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator));
        var found = Listed(WebUtility.HtmlDecode(await navigator.GetStringAsync("/search?lang=en&per_page=100")));
        var token = SignInTests.Token(await navigator.GetStringAsync("/lists/new?lang=en"));

        async Task<string> RefusedAsync(params (string, string)[] fields)
        {
            var response = await navigator.PostAsync("/lists/new?lang=en", SignInTests.Form(token, fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("Tick at least one service.", await RefusedAsync(("language", "en")));
        Assert.Contains("A list holds at most 20 services; 21 were ticked.", await RefusedAsync([.. found.Take(21).Select(s => ("sal", s)), ("language", "en")]));
        Assert.Contains("The service 'no-such-service' is not in the directory", await RefusedAsync(("sal", found[0]), ("sal", "no-such-service"), ("language", "en")));
        Assert.Contains("'xx' is not a language Braid speaks", await RefusedAsync(("sal", found[0]), ("language", "xx")));

        var code = await MakeAsync(navigator, found.Take(1), "en");
        var page = await navigator.GetStringAsync($"/lists/{code}?lang=en");
        var wrong = await navigator.PostAsync($"/lists/{code}?handler=Send&lang=en", SignInTests.Form(SignInTests.Token(page), ("to", "555-01")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Enter an email address or a 10-digit US phone number.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        Assert.Equal(1, await db.ResourceLists.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.Id.StartsWith("list:")));
    }

    private static async Task SendAsync(HttpClient navigator, string code, string to)
    {
        var page = await navigator.GetStringAsync($"/lists/{code}?lang=en");
        var sent = await navigator.PostAsync($"/lists/{code}?handler=Send&lang=en", SignInTests.Form(SignInTests.Token(page), ("to", to)));
        Assert.Equal($"/lists/{code}?lang=en&sent=1", sent.Headers.Location!.OriginalString);
    }

    /// <summary>The message the dispatcher writes that begins so (waiting for it).</summary>
    private static async Task<string> SentAsync(BraidApp app, string start)
    {
        for (var i = 0; i < 150; i++)
        {
            if (app.Services.GetRequiredService<OutboxEmailSender>().Messages().FirstOrDefault(m => m.Text.StartsWith(start, StringComparison.Ordinal)) is { Text: { } text }) return text;
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"Nothing was sent beginning {start}.");
    }

    private static string Body(string message) => message[(message.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].TrimEnd('\n');

    private static async Task<List<string>> ServiceNamesAsync(BraidApp app, IEnumerable<string> services)
    {
        var ids = services.ToList();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var data = await new Data.Directory.DirectoryStore(db).LoadAsync("demo");
        var byService = data.All<Core.Directory.Hsds.Service>().ToDictionary(s => s.Id, s => s.Name);
        return [.. data.All<Core.Directory.Hsds.ServiceAtLocation>().Where(s => ids.Contains(s.Id)).Select(s => byService[s.ServiceId!] ?? "")];
    }

    // The GSM 03.38 default alphabet (basic character set, without the escape extension).
    private const string Gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    [GeneratedRegex("<h2 translate=\"no\"><a href=\"/services/([^?\"]+)")]
    private static partial Regex Listing();

    [GeneratedRegex("name=\"sal\" value=\"([^\"]+)\" form=\"pick\"")]
    private static partial Regex Ticks();

    [GeneratedRegex("^/lists/([a-z0-9]{8})\\?")]
    private static partial Regex ListCode();
}
