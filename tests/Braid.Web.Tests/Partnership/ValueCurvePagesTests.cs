using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Partnership;

/// <summary>Organizations place themselves on the Value Curve and keep action plans; the partnership sees them all, each organization only itself.</summary>
public sealed partial class ValueCurvePagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task The_analyst_sees_a_dozen_organizations_over_two_years_as_a_chart_and_its_table(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        var page = WebUtility.HtmlDecode(await analyst.GetStringAsync("/value-curve?lang=en"));

        Assert.Equal(12, OrganizationLinks().Matches(page).Count);
        // The chart has a name, and the table says the same in words.
        Assert.Matches("<svg id=\"partnership-radar\"[^>]*role=\"img\" aria-labelledby=\"partnership-radar-title\"", page);
        Assert.Contains("mean level of each dimension over 12 organizations", page);
        Assert.Contains("<caption>Each organization's latest level", page);

        var organization = OrganizationLinks().Match(page).Groups[1].Value;
        var one = WebUtility.HtmlDecode(await analyst.GetStringAsync($"/value-curve/{organization}?lang=en"));
        Assert.Equal(5, Regex.Matches(one, "<th scope=\"row\">[0-9]{4}-[0-9]{2}-[0-9]{2}</th>").Count);
        Assert.Contains("class=\"series first\"", one);
        Assert.Contains("class=\"series latest\"", one);
        Assert.DoesNotContain("id=\"assess-form\"", one); // analysts read; the organization assesses itself

        // The radar's latest polygon is drawn through the levels the table's last row gives.
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var latest = (await new Braid.Data.Partnership.ValueCurveStore(db).AssessmentsAsync(new Braid.Core.CommunityId("demo"), [organization]))[^1];
        var expected = Braid.Web.Pages.ValueCurve.ValueRadarChart.Polygon(latest.Levels.ToDictionary(l => l.Key, l => (double)(int)l.Value));
        Assert.Contains($"<polygon class=\"series latest\" points=\"{expected}\">", one);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_organization_assesses_itself_and_plans_five_steps_and_no_one_else_can(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var own = await db.Memberships.Where(m => m.Role == Roles.OrgAdmin).Select(m => m.OrganizationId).SingleAsync();

        // Their partnership view is their own organization alone.
        var view = WebUtility.HtmlDecode(await admin.GetStringAsync("/value-curve?lang=en"));
        Assert.Equal([own], OrganizationLinks().Matches(view).Select(m => m.Groups[1].Value));

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/value-curve/{own}?lang=en"));
        var before = await db.ValueCurveAssessments.CountAsync();
        var missing = await admin.PostAsync($"/value-curve/{own}?handler=Assess&lang=en", SignInTests.Form(SignInTests.Token(page),
            ("assessedOn", "2026-11-30"), ("level-governance-and-structures", "3"), ("level-insight-and-evidence", "9")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("insight-and-evidence</span>: Choose a level for this dimension.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
        Assert.Equal(before, await db.ValueCurveAssessments.CountAsync());

        var assessed = await admin.PostAsync($"/value-curve/{own}?handler=Assess&lang=en", SignInTests.Form(SignInTests.Token(page),
            ("assessedOn", "2026-11-30"), ("level-governance-and-structures", "3"), ("level-insight-and-evidence", "4"), ("level-services-and-solutions", "2"),
            ("level-people-and-culture", "1"), ("evidence-insight-and-evidence", "Quarterly equity review with residents")));
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        var after = WebUtility.HtmlDecode(await admin.GetStringAsync(assessed.Headers.Location!.OriginalString));
        Assert.Contains("<dt>Insight and evidence: Generative</dt>", after);
        Assert.Contains("Quarterly equity review with residents", after);

        var planned = await admin.PostAsync($"/value-curve/{own}?handler=Plan&lang=en", SignInTests.Form(SignInTests.Token(page),
            ("dimension", "people-and-culture"), ("step-1", "Train every worker in the shared screening"), ("owner-1", "Program manager"), ("due-1", "2027-03-01"),
            ("step-2", ""), ("step-3", "Bring a resident onto the board")));
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var plan = WebUtility.HtmlDecode(await admin.GetStringAsync(planned.Headers.Location!.OriginalString));
        Assert.Matches("id=\"plan-people-and-culture\"[\\s\\S]*<li><span translate=\"no\">Train every worker in the shared screening</span> – <span translate=\"no\">Program manager</span>\\s+· due 2027-03-01</li>\\s*<li><span translate=\"no\">Bring a resident onto the board</span></li>", plan);

        // Another organization's curve is neither readable nor writable for them.
        var other = await db.ValueCurveAssessments.Where(a => a.OrganizationId != own).Select(a => a.OrganizationId).FirstAsync();
        Assert.True(SignInTests.Denied(await admin.GetAsync($"/value-curve/{other}?lang=en")));
        var count = await db.ValueCurveAssessments.CountAsync();
        Assert.True(SignInTests.Denied(await admin.PostAsync($"/value-curve/{other}?handler=Assess&lang=en", SignInTests.Form(SignInTests.Token(page),
            ("assessedOn", "2026-11-30"), ("level-governance-and-structures", "1"), ("level-insight-and-evidence", "1"), ("level-services-and-solutions", "1"), ("level-people-and-culture", "1")))));
        Assert.Equal(count, await db.ValueCurveAssessments.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_partnership_words_its_own_rubric_and_an_empty_cell_keeps_Braids(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/value-curve/rubric?lang=en"));
        Assert.Contains("CC BY-NC", page);
        Assert.Contains("Staff are trained to apply rules accurately and consistently.", page);

        var saved = await admin.PostAsync("/value-curve/rubric?lang=en", SignInTests.Form(SignInTests.Token(page), ("rubric-people-and-culture-1", "Our words for the first level.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var read = WebUtility.HtmlDecode(await analyst.GetStringAsync("/value-curve/rubric?lang=en"));
        Assert.Contains("Our words for the first level.", read);
        Assert.DoesNotContain("Staff are trained to apply rules accurately and consistently.", read);
        Assert.Contains("Staff work across program lines and know partners' services.", read);
        Assert.DoesNotContain("id=\"rubric-form\"", read);
        Assert.True(SignInTests.Denied(await analyst.PostAsync("/value-curve/rubric?lang=en", SignInTests.Form(SignInTests.Token(read), ("rubric-people-and-culture-1", "Not theirs to word.")))));
    }

    [GeneratedRegex("<th scope=\"row\"><a href=\"/value-curve/([^?\"]+)\\?")]
    private static partial Regex OrganizationLinks();
}
