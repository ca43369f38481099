using System.Reflection;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.Accessibility;

/// <summary>
/// Every page Braid has, found in its compiled Razor pages (so a new page is checked without
/// anyone adding it here: the test fails until it is given an address to visit), opened by a user
/// allowed to see it on a 320 px wide screen: axe-core finds no WCAG 2.1 A or AA violation, a
/// screenshot is kept, and the page also opens with JavaScript off.
/// </summary>
public sealed class EveryPageTests
{
    private static readonly List<string> Wcag21AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Every page's route template, from the attributes the Razor compiler puts on the web assembly.</summary>
    private static IReadOnlySet<string> Routes() =>
        typeof(Braid.Web.Pages.IndexModel).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>()
            .Where(i => i.Kind == "mvc.1.0.razor-page")
            .Select(i => i.Type.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().Single(m => m.Key == "RouteTemplate").Value)
            .ToHashSet();

    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Sqlite, MemberType = typeof(E2eServer))]
    public async Task Every_page_passes_axe_at_320_px_and_opens_without_JavaScript(string provider)
    {
        var database = await TestDatabases.CreateEmptyAsync(provider);
        await using var server = await E2eServer.StartOnAsync(database, "--Braid:DemoServices=200", "--Braid:DemoPeople=100", "--Braid:OutboxPollSeconds=0.2", "--environment=Development");
        string person, screening, need, sal, sent, received, cboOrganization;
        await using (var db = DatabaseOptions.CreateContext(database))
        {
            var navigators = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
            var cbo = cboOrganization = await db.Memberships.Where(m => m.Role == Roles.CboStaff).Select(m => m.OrganizationId).SingleAsync();
            var completed = await db.Screenings.Where(s => s.CompletedAt != null && db.People.Any(p => p.Id == s.PersonId && p.RegisteredBy == navigators))
                .OrderBy(s => s.Id).Select(s => new { s.PersonId, s.Id }).FirstAsync();
            (person, screening) = (completed.PersonId, completed.Id);
            need = await db.Needs.Where(n => n.PersonId == person).OrderBy(n => n.Id).Select(n => n.Id).FirstAsync();
            sal = (await new Data.Directory.HsdsReader(db).WhereInAsync("demo", Core.Directory.Hsds.HsdsModel.Table<Core.Directory.Hsds.Service>(), "organization_id", [cbo]))
                .Select(s => s.Id).Order(StringComparer.Ordinal).First();
            sal = (await new Data.Directory.HsdsReader(db).WhereInAsync("demo", Core.Directory.Hsds.HsdsModel.Table<Core.Directory.Hsds.ServiceAtLocation>(), "service_id", [sal])).Select(s => s.Id).First();
            sent = await db.Referrals.Where(r => r.FromOrganization == navigators).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
            received = await db.Referrals.Where(r => r.ToOrganization == cbo).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var narrow = new BrowserNewContextOptions { ViewportSize = new() { Width = 320, Height = 640 } };
        async Task<IBrowserContext> StaffAsync(string role)
        {
            var context = await browser.NewContextAsync(narrow);
            await E2eServer.SignInAsync(await context.NewPageAsync(), server.Url, $"{role}@demo.braid.example");
            return context;
        }

        // A person part way through signing up, and one signed up with a need and a screening of their own.
        async Task<(IBrowserContext Context, IPage Page)> CodeEnteredAsync(string contact)
        {
            var context = await browser.NewContextAsync(narrow);
            var door = await context.NewPageAsync();
            await door.GotoAsync(server.Url + "/me/sign-in");
            await door.FillAsync("#contact", contact);
            await door.Keyboard.PressAsync("Enter");
            await door.FillAsync("#code", await E2eServer.CodeSentToAsync(browser, server.Url, contact));
            await door.Keyboard.PressAsync("Enter");
            await Expect(door.Locator("#given-name")).ToBeVisibleAsync();
            return (context, door);
        }

        var (halfway, _) = await CodeEnteredAsync("every.page@example.org");
        var (me, mine) = await CodeEnteredAsync("every.page.too@example.org");
        await mine.FillAsync("#given-name", "Ada");
        await mine.Keyboard.PressAsync("Enter");
        await mine.SelectOptionAsync("#category", "food-insecurity");
        await mine.ClickAsync("form:has(#category) button[type=submit]");
        var myNeed = (await mine.GetAttributeAsync("#ask-food-insecurity", "href"))!.Split('/')[3];
        await mine.ClickAsync("#ask-food-insecurity");
        await mine.Locator("#services input").First.CheckAsync();
        await mine.ClickAsync("#send-referral");
        var myReferral = new Uri(mine.Url).Fragment["#referral-".Length..];
        await mine.ClickAsync("#screenings button[type=submit]");
        var myScreening = new Uri(mine.Url).AbsolutePath.Split('/')[3];

        var anonymous = await browser.NewContextAsync(narrow);
        var (navigator, cboStaff, orgAdmin, communityAdmin, analyst) =
            (await StaffAsync("navigator"), await StaffAsync("cbo-staff"), await StaffAsync("org-admin"), await StaffAsync("community-admin"), await StaffAsync("analyst"));
        var (finance, funder) = (await StaffAsync("finance"), await StaffAsync("funder"));
        // The organization declines her request, so the page that asks what she thought of it has its questions.
        var inbox = await cboStaff.NewPageAsync();
        await inbox.GotoAsync(server.Url + $"/referrals/{myReferral}");
        await inbox.CheckAsync("input[name=to][value=rejected]");
        await inbox.SelectOptionAsync("#reason", "no-capacity");
        await inbox.ClickAsync("#move");
        await Expect(inbox.Locator("#referral-status")).ToContainTextAsync("Declined");
        await inbox.CloseAsync();
        var picking = await navigator.NewPageAsync();
        await picking.GotoAsync(server.Url + "/search?need=food-insecurity");
        await picking.FillAsync("#search-name", "Food");
        await picking.ClickAsync("#save-search button");
        await picking.GotoAsync(server.Url + $"/lists/new?sal={sal}");
        await picking.ClickAsync("#make");
        var list = new Uri(picking.Url).AbsolutePath.Split('/')[2];
        await picking.CloseAsync();

        (string Route, IBrowserContext As, string Url)[] pages =
        [
            ("/", anonymous, "/"), ("/search", anonymous, "/search?need=food-insecurity&zip=21201&radius_km=50&household=4&income=40000&county=24510"), ("/services/{id}", anonymous, $"/services/{sal}"),
            ("/account/sign-in", anonymous, "/account/sign-in"), ("/account/forgot-password", anonymous, "/account/forgot-password"),
            ("/account/reset-password", anonymous, "/account/reset-password?email=x@example.org&code=abc"), ("/account/denied", anonymous, "/account/denied"),
            ("/dev/outbox", communityAdmin, "/dev/outbox"), ("/r/{token}", anonymous, "/r/brl_no-such-link"),
            ("/account/sign-out", orgAdmin, "/account/sign-out"), ("/account/security", orgAdmin, "/account/security"), ("/manage", orgAdmin, "/manage"),
            ("/manage/listings/{id}", orgAdmin, $"/manage/listings/{sal}"), ("/manage/listings/{id}/history", orgAdmin, $"/manage/listings/{sal}/history"),
            ("/manage/claims", communityAdmin, "/manage/claims"), ("/manage/freshness", communityAdmin, "/manage/freshness"), ("/manage/audit", communityAdmin, "/manage/audit"),
            ("/equity", analyst, "/equity"), ("/equity/context", analyst, "/equity/context"), ("/equity/referrals", analyst, "/equity/referrals"),
            ("/people", navigator, "/people"), ("/people/new", navigator, "/people/new"), ("/people/import", navigator, "/people/import"),
            ("/people/{id}", navigator, $"/people/{person}"), ("/people/{id}/screenings/{screeningId}", navigator, $"/people/{person}/screenings/{screening}"),
            ("/people/{id}/consent", navigator, $"/people/{person}/consent"), ("/people/{id}/refer", navigator, $"/people/{person}/refer?need={need}&category=food-insecurity"),
            ("/referrals", cboStaff, "/referrals"), ("/referrals/feedback", cboStaff, "/referrals/feedback"),
            ("/me/referrals/{id}/feedback", me, $"/me/referrals/{myReferral}/feedback"), ("/referrals/{id}", cboStaff, $"/referrals/{received}"), ("/referrals/{id}", navigator, $"/referrals/{sent}"),
            ("/me/sign-in", anonymous, "/me/sign-in"), ("/me/code", anonymous, "/me/code?contact=someone%40example.org"), ("/me/welcome", halfway, "/me/welcome"),
            ("/me", me, "/me"), ("/me/consent", me, "/me/consent"), ("/me/print", me, "/me/print"), ("/me/delete", me, "/me/delete"), ("/me/screenings/{screeningId}", me, $"/me/screenings/{myScreening}"),
            ("/me/needs/{need}/refer", me, $"/me/needs/{myNeed}/refer"), ("/me/sign-out", me, "/me/sign-out"),
            ("/lists/new", navigator, $"/lists/new?sal={sal}"), ("/lists/{code}", navigator, $"/lists/{list}"), ("/l/{code}", anonymous, $"/l/{list}"), ("/searches", navigator, "/searches"),
            ("/funding", finance, "/funding?month=" + DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
            ("/funding/streams/new", finance, "/funding/streams/new"), ("/funding/streams", funder, "/funding/streams"),
            ("/funding/streams/{id}", funder, "/funding/streams/demo-health-plan"), ("/funding/streams/{id}", finance, "/funding/streams/demo-county"), ("/funding/invoices", cboStaff, "/funding/invoices"),
            ("/gaps", analyst, "/gaps"), ("/value-curve", analyst, "/value-curve"), ("/value-curve/{id}", orgAdmin, $"/value-curve/{cboOrganization}"), ("/value-curve/rubric", communityAdmin, "/value-curve/rubric"),
            ("/measures", analyst, "/measures"), ("/measures/{id}", analyst, "/measures/" + Braid.Core.Demo.DemoMeasures.Generate(new("any"))[0].Id), ("/measures/define/{id?}", analyst, "/measures/define"),
            ("/partnership", communityAdmin, "/partnership"), ("/partnership/documents/{id}", communityAdmin, "/partnership/documents/" + Braid.Core.Demo.DemoGovernance.CharterId),
            ("/learning", communityAdmin, "/learning"), ("/learning/cohorts/{id}", communityAdmin, "/learning/cohorts/" + Braid.Core.Demo.DemoLearning.CohortId),
        ];
        Assert.Equal(Routes().Order(), pages.Select(p => p.Route).Distinct().Order());

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots-320px", provider);
        System.IO.Directory.CreateDirectory(shots);
        var violations = new List<string>();
        await using var withoutScript = await browser.NewContextAsync(new() { JavaScriptEnabled = false, StorageState = await me.StorageStateAsync() });
        foreach (var (route, context, url) in pages)
        {
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(server.Url + url);
            Assert.True(response!.Status == (route == "/r/{token}" ? 404 : 200), $"{url}: {response.Status}"); // an unknown link's page says so, with 404
            await Expect(page.Locator("main h1").First).ToBeVisibleAsync();
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = Wcag21AA } });
            Assert.NotEmpty(result.Passes); // the rules ran
            violations.AddRange(result.Violations.Select(v => $"{url}: {v.Id} ({v.Impact}: {v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target))}"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, string.Concat(url.Split('?')[0].Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-') + ".png"), FullPage = true });
            await page.CloseAsync();
        }

        // With JavaScript off, each page the signed-in person may open still opens whole.
        foreach (var (_, _, url) in pages.Where(p => p.As == me || p.As == anonymous))
        {
            var page = await withoutScript.NewPageAsync();
            Assert.True((await page.GotoAsync(server.Url + url))!.Status is 200 or 404, url);
            await Expect(page.Locator("main h1").First).ToBeVisibleAsync();
            await page.CloseAsync();
        }

        Assert.True(violations.Count == 0, "axe found:\n" + string.Join("\n", violations));
    }
}
