using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Partnership;

/// <summary>The partnership's shared measures: each month's value agrees with the referrals in the database, the chart has its table, the equity view runs, and only analysts define them.</summary>
public sealed partial class MeasurePagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task The_need_met_rate_of_each_quarter_is_the_share_of_that_quarters_completed_referrals_whose_need_was_met(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        var list = WebUtility.HtmlDecode(await analyst.GetStringAsync("/measures?lang=en"));
        var id = Regex.Match(list, "<a href=\"/measures/([0-9a-f-]{36})\\?lang=en\" translate=\"no\">Needs met</a>").Groups[1].Value;
        Assert.NotEmpty(id);

        var page = WebUtility.HtmlDecode(await analyst.GetStringAsync($"/measures/{id}?lang=en"));
        Assert.Matches("<svg id=\"trend-chart\" role=\"img\" aria-labelledby=\"trend-chart-title\"", page);
        Assert.Contains("<caption>The measure quarter by quarter</caption>", page);
        var rows = TrendRow().Matches(page).ToDictionary(m => m.Groups[1].Value, m => (Value: m.Groups[2].Value, Counted: m.Groups[3].Value));

        // Completed referrals by the quarter they were sent (UTC), and how many of them met the need in full, straight from the database.
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var completed = (await db.Referrals.Where(r => r.Status == "completed").Select(r => new { r.SentAt, r.NeedMet }).ToListAsync())
            .GroupBy(r => $"{r.SentAt.UtcDateTime.Year}-Q{(r.SentAt.UtcDateTime.Month + 2) / 3}")
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Met: g.Count(r => r.NeedMet == "yes")));
        Assert.Contains(completed, c => c.Value.Count >= 11);
        foreach (var (quarter, (count, met)) in completed)
        {
            var row = rows[quarter];
            if (count < 11)
            {
                Assert.Equal(("withheld", "fewer than 11"), row);
                continue;
            }

            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), row.Counted);
            Assert.Equal(Math.Round(100.0 * met / count, 1, MidpointRounding.AwayFromZero), double.Parse(row.Value.TrimEnd(' ', '%'), CultureInfo.InvariantCulture), 1);
        }

        // The same referrals by race and ethnicity, through the equity engine.
        Assert.Contains("id=\"equity-view\"", page);
        Assert.Contains("White", page);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_analyst_defines_a_measure_wrong_fields_are_named_and_nothing_is_kept_until_it_is_right(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        var form = WebUtility.HtmlDecode(await analyst.GetStringAsync("/measures/define?lang=en"));
        var owner = Regex.Match(form, "<option value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var before = await db.SharedMeasures.CountAsync();

        var wrong = await analyst.PostAsync("/measures/define?lang=en", SignInTests.Form(SignInTests.Token(form),
            ("name", ""), ("kind", "loop-closed"), ("need", "weather"), ("target", "150"), ("owner", owner), ("steward", "Ana")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("name</span>: This field is required.", errors);
        Assert.Contains("need</span>: 'weather' is not one of the choices.", errors);
        Assert.Contains("target</span>: The target must be between 0 % and 100 %.", errors);
        Assert.Equal(before, await db.SharedMeasures.CountAsync());

        var saved = await analyst.PostAsync("/measures/define?lang=en", SignInTests.Form(SignInTests.Token(form),
            ("name", "Housing referrals closed"), ("kind", "loop-closed"), ("need", "housing-instability"), ("target", "85"), ("owner", owner), ("steward", "Ana Ruiz")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = await db.SharedMeasures.SingleAsync(m => m.Name == "Housing referrals closed");
        Assert.Equal((0.85, "housing-instability", owner), (row.Target, row.Need, row.OwnerOrganizationId));
        var page = WebUtility.HtmlDecode(await analyst.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains("<dt>Target</dt><dd translate=\"no\">85 %</dd>", page);

        // Organizations' administrators read the measures; they do not define them. Navigators do neither.
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        Assert.DoesNotContain("id=\"new-measure\"", await admin.GetStringAsync("/measures?lang=en"));
        Assert.True(SignInTests.Denied(await admin.PostAsync("/measures/define?lang=en", SignInTests.Form(SignInTests.Token(await admin.GetStringAsync("/manage?lang=en")),
            ("name", "Theirs"), ("kind", "declined"), ("target", "10"), ("owner", owner), ("steward", "Bo")))));
        Assert.True(SignInTests.Denied(await (await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator))).GetAsync("/measures?lang=en")));
        Assert.Equal(before + 1, await db.SharedMeasures.CountAsync());
    }

    [GeneratedRegex("<tr>\\s*<th scope=\"row\" translate=\"no\">([0-9]{4}-Q[1-4])</th>\\s*<td>\\s*(?:<span translate=\"no\">)?([^<]+?)(?:</span>)?\\s*</td>\\s*<td>([^<]+)</td>")]
    private static partial Regex TrendRow();
}
