using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Braid.Web.Tests.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests;

/// <summary>
/// Every page of the app, each with data to show and opened by someone who may see it (a route
/// left out fails the caller), and the signed-in browsers and records a caller goes on with.
/// </summary>
internal sealed record EveryPage(IReadOnlyList<(HttpClient Client, string Url)> Pages, HttpClient OrgAdmin, HttpClient CommunityAdmin, HttpClient Navigator, HttpClient Finance,
    string Person, string Listing)
{
    internal static async Task<EveryPage> OfAsync(BraidApp app)
    {
        var anonymous = app.CreateClient();
        string sal, cboOrganization, measure;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            measure = await db.SharedMeasures.Select(m => m.Id).FirstAsync();
            cboOrganization = await db.Memberships.Where(m => m.Role == Roles.OrgAdmin).Select(m => m.OrganizationId).FirstAsync();
            sal = await DemoListings.OfAsync(db, cboOrganization);
        }

        var orgAdmin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        var communityAdmin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        var navigator = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator));
        var (person, screening, personName) = await DemoPeopleRecords.NavigatorsAsync(app);
        var (resumed, unfinished) = await DemoPeopleRecords.UnfinishedAsync(app);
        var cbo = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CboStaff));
        var finance = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Finance));
        var funder = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Funder));
        var openMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var referral = await DemoReferrals.SendAsync(app, person, accepted: true);
        var halfwaySignedUp = PortalPagesTests.Browser(app);
        await PortalPagesTests.EnterWithCodeAsync(app, halfwaySignedUp, "pseudo-new@example.org");
        var portal = await PortalPagesTests.SignedUpAsync(app, "pseudo@example.org");
        var portalScreening = await PortalPagesTests.StartScreeningAsync(portal, "hunger-vital-sign");
        var portalNeed = await PortalPagesTests.AddNeedAsync(portal, "food-insecurity");
        var portalReferral = await PortalPagesTests.ReferSelfAsync(portal, portalNeed);
        var list = await ResourceLists.ResourceListPagesTests.MakeAsync(navigator, [sal], "en");
        (HttpClient Client, string Url)[] pages =
        [
            (anonymous, "/"), (anonymous, "/search?need=food-insecurity&zip=21201&radius_km=50&age=34&household=4&income=40000&county=24510"), (anonymous, $"/services/{sal}"), (anonymous, "/services/no-such-service"),
            (anonymous, "/account/sign-in"), (anonymous, "/account/forgot-password"), (anonymous, "/account/reset-password?email=x@example.org&code=abc"),
            (anonymous, "/account/denied"), (communityAdmin, "/dev/outbox"), (orgAdmin, "/account/sign-out"), (orgAdmin, "/account/security"),
            (orgAdmin, "/manage"), (orgAdmin, $"/manage/listings/{sal}"), (orgAdmin, $"/manage/listings/{sal}?done=saved"), (orgAdmin, $"/manage/listings/{sal}/history"),
            (communityAdmin, "/manage"), (communityAdmin, "/manage/claims"), (communityAdmin, "/manage/freshness"), (communityAdmin, "/manage/audit"),
            (analyst, "/equity"), (analyst, "/equity/context"), (analyst, "/equity/referrals"),
            (analyst, "/equity?source=Demo&outcome=need_met&by=race&adjust=age_band,need&reference=White&period=year"),
            (anonymous, "/search?radius_km=abc&open_now=maybe"),
            (navigator, "/people"), (navigator, "/people?name=" + Uri.EscapeDataString(personName)), (navigator, "/people?birth_date=31-12-1990"), (navigator, "/people/new"), (navigator, "/people/import"),
            (navigator, $"/people/{person}"), (navigator, $"/people/{person}/screenings/{screening}"), (navigator, $"/people/{resumed}/screenings/{unfinished}"),
            (navigator, $"/people/{resumed}/screenings/{unfinished}?item=96778-6"),
            (navigator, $"/people/{person}/consent"),
            (navigator, $"/people/{person}/refer?need=x&category=food-insecurity"), (navigator, "/referrals?box=sent&status=all"), (navigator, $"/referrals/{referral}"),
            (cbo, "/referrals"), (cbo, $"/referrals/{referral}"), (cbo, "/referrals/feedback"), (anonymous, "/r/brl_no-such-link"),
            (anonymous, "/me/sign-in"), (anonymous, "/me/code?contact=someone%40example.org"), (halfwaySignedUp, "/me/welcome"), (portal, "/me"), (portal, "/me/sign-out"), (portal, "/me/consent"), (portal, "/me/print"), (portal, "/me/delete"), (portal, $"/me/screenings/{portalScreening}"),
            (portal, $"/me/needs/{portalNeed}/refer"), (portal, $"/me/referrals/{portalReferral}/feedback"),
            (navigator, $"/lists/new?sal={sal}"), (navigator, $"/lists/{list}"), (anonymous, $"/l/{list}"), (anonymous, "/l/zzzzzzzz"), (navigator, "/searches"),
            (finance, "/funding"), (finance, $"/funding?month={openMonth}"), (finance, "/funding/streams/new"), (finance, "/funding/streams/demo-county"),
            (funder, "/funding/streams"), (funder, "/funding/streams/demo-health-plan"), (cbo, "/funding/invoices"),
            (analyst, "/gaps"), (analyst, "/gaps?layer=holc"), (analyst, "/value-curve"), (orgAdmin, "/value-curve"), (orgAdmin, $"/value-curve/{cboOrganization}"), (communityAdmin, "/value-curve/rubric"),
            (analyst, "/measures"), (analyst, $"/measures/{measure}"), (analyst, "/measures/define"), (analyst, $"/measures/define/{measure}"),
            (communityAdmin, "/partnership"), (communityAdmin, "/partnership/documents/" + Braid.Core.Demo.DemoGovernance.CharterId), (orgAdmin, "/partnership/documents/" + Braid.Core.Demo.DemoGovernance.CharterId),
            (communityAdmin, "/learning"), (communityAdmin, "/learning/cohorts/" + Braid.Core.Demo.DemoLearning.CohortId), (orgAdmin, "/learning/cohorts/" + Braid.Core.Demo.DemoLearning.CohortId),
        ];

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();
        var visited = pages.Select(p => Regex.Replace(Regex.Replace(p.Url.Split('?')[0], "/(manage/listings|services|people|referrals)/(?!new$|import$|feedback$)[^/]+", "/$1/{id}"), "/screenings/[^/]+", "/screenings/{screeningId}").Replace("/r/brl_no-such-link", "/r/{token}").Replace($"/me/needs/{portalNeed}/", "/me/needs/{need}/")
            .Replace($"/value-curve/{cboOrganization}", "/value-curve/{id}").Replace($"/measures/define/{measure}", "/measures/define").Replace("/measures/define", "/measures/define/{id?}").Replace($"/measures/{measure}", "/measures/{id}").Replace("/partnership/documents/" + Braid.Core.Demo.DemoGovernance.CharterId, "/partnership/documents/{id}").Replace("/learning/cohorts/" + Braid.Core.Demo.DemoLearning.CohortId, "/learning/cohorts/{id}").Replace("/funding/streams/demo-county", "/funding/streams/{id}").Replace("/funding/streams/demo-health-plan", "/funding/streams/{id}")
            .Replace($"/lists/{list}", "/lists/{code}").Replace($"/l/{list}", "/l/{code}").Replace("/l/zzzzzzzz", "/l/{code}")).ToHashSet();
        Assert.Empty(routes.Except(visited));
        return new EveryPage(pages, orgAdmin, communityAdmin, navigator, finance, person, sal);
    }
}
