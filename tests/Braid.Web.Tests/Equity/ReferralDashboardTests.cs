using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Equity;

/// <summary>
/// The analysts' referral dashboard over the referrals stored in Braid: on the seeded demo (2,000
/// people and their past referrals) it finds the gap planted in how CBOs' help meets needs, and
/// not one in their declines; its counts are the database's own.
/// </summary>
public sealed class ReferralDashboardTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static async Task<(BraidApp App, HttpClient Analyst)> StartAsync(string provider)
    {
        var app = new BraidApp(await TestDatabases.CreateEmptyAsync(provider), settings: new Dictionary<string, string> { ["Braid:DemoPeople"] = "2000" });
        var analyst = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInTests.PostSignInAsync(analyst, DemoAccounts.Email(Roles.Analyst), BraidApp.DemoPassword);
        return (app, analyst);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_stored_referrals_show_the_planted_gap_in_need_met_and_none_in_declines(string provider)
    {
        var (app, analyst) = await StartAsync(provider);
        await using var _ = app;

        var met = await ReportAsync(analyst, "need_met", favourable: true);
        Assert.True(met.GetProperty("test").GetProperty("predicts").GetBoolean());
        Assert.Contains("OMB SPD 15", met.GetProperty("view").GetString());
        var black = met.GetProperty("test").GetProperty("effects").EnumerateArray().Single(e => e.GetProperty("group").GetString() == "Black or African American");
        Assert.InRange(DemoOutcomes.PlantedOddsRatio, black.GetProperty("lower").GetDouble(), black.GetProperty("upper").GetDouble());
        var declined = await ReportAsync(analyst, "declined", favourable: false);
        Assert.False(declined.GetProperty("test").GetProperty("predicts").GetBoolean());

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        // The overall line is over the groups compared: people who declined to state their race are shown apart.
        var completed = await db.Referrals.Where(r => r.Status == "completed")
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => p.RaceEthnicity).CountAsync(race => race != null && race != "declined");
        Assert.True(completed > 500);
        Assert.Equal(completed, met.GetProperty("overall").GetProperty("units").GetDouble());
    }

    [Fact]
    public async Task The_page_shows_each_measure_by_the_grouping_chosen_and_says_what_it_cannot_do()
    {
        var (app, analyst) = await StartAsync(TestDatabases.Sqlite);
        await using var _ = app;

        var page = await analyst.GetStringAsync("/equity/referrals");
        foreach (var measure in new[] { "loop_closed", "need_met", "days_to_first_contact", "declined", "declined_no_capacity" }) Assert.Contains($"id=\"measure-{measure}\"", page);
        Assert.Contains("race predicts need_met, adjusted for age_band, need", page);
        Assert.Contains("No evidence that race predicts declined, adjusted for age_band, need", page);

        var language = await analyst.GetStringAsync("/equity/referrals?by=language");
        Assert.Contains("id=\"measure-need_met\"", language);

        var holc = await analyst.GetStringAsync("/equity/referrals?by=holc_grade");
        Assert.Contains("No neighbourhood context has been imported yet", holc);
        var bogus = await analyst.GetStringAsync("/equity/referrals?by=shoe_size");
        Assert.Contains("by: the referral dashboard groups by one of race, language, tract, holc_grade, not \"shoe_size\"", WebUtility.HtmlDecode(bogus));

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var (total, _) = await new AuditLog(db, TimeProvider.System).SearchAsync("demo", new AuditQuery { Action = "equity.referrals" });
        Assert.Equal(2, total);
    }

    private static async Task<JsonElement> ReportAsync(HttpClient analyst, string outcome, bool favourable)
    {
        var response = await analyst.PostAsJsonAsync("/api/equity/report", new { source = "referrals", outcome, by = "race", adjust = new[] { "age_band", "need" }, reference = "White", favourable });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
