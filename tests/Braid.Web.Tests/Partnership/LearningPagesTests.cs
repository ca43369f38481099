using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Partnership;

/// <summary>The demo cohort: attendance reported by sector as the database has it, a reflection kept private unless shared, and pairs only across sectors.</summary>
public sealed partial class LearningPagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Attendance_by_sector_is_what_the_database_holds_and_a_private_reflection_is_its_authors_alone(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        var page = WebUtility.HtmlDecode(await analyst.GetStringAsync("/learning?lang=en"));
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);

        // Two participants work at the demo CBO: their attended sessions, counted straight from the tables.
        var cboStaff = await db.Memberships.Where(m => m.Role == Roles.CboStaff || m.Role == Roles.OrgAdmin).Select(m => m.UserId).ToListAsync();
        var attended = await db.LearningAttendance.CountAsync(a => cboStaff.Contains(a.UserId));
        var sessions = await db.LearningSessions.CountAsync(s => s.CohortId == DemoLearning.CohortId);
        Assert.Equal(5, sessions);
        Assert.Matches($"<th scope=\"row\">Community-based organization</th>\\s*<td>2</td>\\s*<td>{attended} of {2 * sessions}</td>", page);

        var cohort = WebUtility.HtmlDecode(await analyst.GetStringAsync($"/learning/cohorts/{DemoLearning.CohortId}?lang=en"));
        Assert.Contains("Mentoring: <span translate=\"no\">Nadia Navigator</span> → <span translate=\"no\">Carlos CBO Staff</span>", cohort);
        Assert.Contains("I will warn people and check back in a week.", cohort); // shared
        Assert.DoesNotContain("I assumed the family would not qualify", cohort); // Carlos's own

        var carlos = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CboStaff));
        var own = WebUtility.HtmlDecode(await carlos.GetStringAsync($"/learning/cohorts/{DemoLearning.CohortId}?lang=en"));
        Assert.Contains("I assumed the family would not qualify", own);

        // Carlos writes a private reflection: he reads it, the analyst does not; the community administrator leads and still does not.
        var wrote = await carlos.PostAsync($"/learning/cohorts/{DemoLearning.CohortId}?handler=Reflect&lang=en", SignInTests.Form(SignInTests.Token(own), ("text", "Only for me to read.")));
        Assert.Equal(HttpStatusCode.Redirect, wrote.StatusCode);
        Assert.Contains("Only for me to read.", await carlos.GetStringAsync($"/learning/cohorts/{DemoLearning.CohortId}?lang=en"));
        Assert.DoesNotContain("Only for me to read.", await analyst.GetStringAsync($"/learning/cohorts/{DemoLearning.CohortId}?lang=en"));
        var lead = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        Assert.DoesNotContain("Only for me to read.", await lead.GetStringAsync($"/learning/cohorts/{DemoLearning.CohortId}?lang=en"));

        // Someone outside the cohort cannot write in it.
        var finance = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Finance));
        var outside = await finance.GetStringAsync($"/learning/cohorts/{DemoLearning.CohortId}?lang=en");
        Assert.DoesNotContain("id=\"reflect-form\"", outside);
        Assert.True(SignInTests.Denied(await finance.PostAsync($"/learning/cohorts/{DemoLearning.CohortId}?handler=Reflect&lang=en", SignInTests.Form(SignInTests.Token(outside), ("text", "Not mine to write.")))));
        Assert.Equal(0, await db.LearningReflections.CountAsync(r => r.Text == "Not mine to write."));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_lead_pairs_people_only_across_sectors_and_takes_attendance_of_participants_only(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var lead = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var page = WebUtility.HtmlDecode(await lead.GetStringAsync($"/learning/cohorts/{DemoLearning.CohortId}?lang=en"));
        var token = SignInTests.Token(page);
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        string User(string role) => db.Memberships.Single(m => m.Role == role).UserId;
        var pairs = await db.LearningPairings.CountAsync();

        // The CBO's staff member and its administrator work in the same sector.
        var same = await lead.PostAsync($"/learning/cohorts/{DemoLearning.CohortId}?handler=Pair&lang=en", SignInTests.Form(token,
            ("kind", "Shadowing"), ("mentor", User(Roles.OrgAdmin)), ("mentee", User(Roles.CboStaff))));
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Contains("Pairs cross sectors", WebUtility.HtmlDecode(await same.Content.ReadAsStringAsync()));
        Assert.Equal(pairs, await db.LearningPairings.CountAsync());

        var across = await lead.PostAsync($"/learning/cohorts/{DemoLearning.CohortId}?handler=Pair&lang=en", SignInTests.Form(token,
            ("kind", "Shadowing"), ("mentor", User(Roles.Analyst)), ("mentee", User(Roles.CboStaff))));
        Assert.Equal(HttpStatusCode.Redirect, across.StatusCode);

        var session = await db.LearningSessions.Where(s => s.CohortId == DemoLearning.CohortId).OrderBy(s => s.HeldOn).Select(s => s.Id).FirstAsync();
        var stranger = await lead.PostAsync($"/learning/cohorts/{DemoLearning.CohortId}?handler=Attendance&lang=en", SignInTests.Form(token,
            ("session", session), ("attended", User(Roles.Navigator)), ("attended", User(Roles.Finance))));
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        var before = await db.LearningAttendance.CountAsync(a => a.SessionId == session);
        Assert.True(before > 1);

        var taken = await lead.PostAsync($"/learning/cohorts/{DemoLearning.CohortId}?handler=Attendance&lang=en", SignInTests.Form(token,
            ("session", session), ("attended", User(Roles.Navigator))));
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal([User(Roles.Navigator)], await db.LearningAttendance.Where(a => a.SessionId == session).Select(a => a.UserId).ToListAsync());

        // A session outside the cohort's dates is refused with the dates named.
        var outside = await lead.PostAsync($"/learning/cohorts/{DemoLearning.CohortId}?handler=Session&lang=en", SignInTests.Form(token,
            ("title", "Too late"), ("kind", "Session"), ("heldOn", "2099-01-01"), ("competencies", "speaking-up")));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Matches("held_on</span>: The session must fall within the cohort, from [0-9-]{10} to [0-9-]{10}.", WebUtility.HtmlDecode(await outside.Content.ReadAsStringAsync()));
    }
}
