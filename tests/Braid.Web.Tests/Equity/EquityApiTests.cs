using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Braid.Core.Access;
using Braid.Core.Equity;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Braid.Web.Tests.Equity;

/// <summary>POST /api/equity/report and the /equity page, as analysts use them.</summary>
public sealed class EquityApiTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static async Task<HttpClient> AnalystAsync(BraidApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInTests.PostSignInAsync(client, DemoAccounts.Email(Roles.Analyst), BraidApp.DemoPassword);
        return client;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_analyst_finds_the_planted_disparity_in_the_demo_outcomes_and_the_run_is_audited(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var analyst = await AnalystAsync(app);

        var response = await analyst.PostAsJsonAsync("/api/equity/report", new { source = "demo", outcome = "need_met", by = "race", adjust = new[] { "age_band", "need" }, reference = "White" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(report.GetProperty("test").GetProperty("predicts").GetBoolean());
        Assert.Contains("OMB SPD 15", report.GetProperty("view").GetString());

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var (total, events) = await new AuditLog(db, TimeProvider.System).SearchAsync("demo", new AuditQuery { Action = "equity.report" });
        Assert.Equal(1, total);
        Assert.Contains("need_met by race", events[0].Entry.Outcome);
    }

    [Fact]
    public async Task A_CSV_body_with_options_in_the_query_gets_the_same_report_shape()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var analyst = await AnalystAsync(app);
        var csv = new StringBuilder("race,met\n");
        for (var i = 0; i < 60; i++) csv.Append($"White,{(i < 40 ? 1 : 0)}\nAsian,{(i < 20 ? 1 : 0)}\n");

        var response = await analyst.PostAsync("/api/equity/report?outcome=met&by=race&reference=White", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var asian = report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "Asian");
        Assert.Equal(20.0 / 60, asian.GetProperty("estimate").GetDouble(), 1e-12);
        Assert.Equal(20.0 / 60 - 40.0 / 60, asian.GetProperty("difference").GetProperty("estimate").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task Bad_input_is_a_400_that_names_the_column_and_others_are_refused()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var analyst = await AnalystAsync(app);

        var bad = await analyst.PostAsJsonAsync("/api/equity/report", new { outcome = "met", by = "rcae", rows = new[] { new { race = "White", met = 1 }, new { race = "Asian", met = 0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("did you mean 'race'?", await bad.Content.ReadAsStringAsync());
        foreach (var (query, field) in new[] { ("min_cell=eleven", "min_cell"), ("min_cell=-3", "min_cell"), ("parity=most", "parity"), ("race_view=mixed", "race_view") })
        {
            var refused = await analyst.PostAsync($"/api/equity/report?outcome=met&by=race&{query}", new StringContent("race,met\nWhite,1\nAsian,0\n", Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        }

        // Well-formed but more than one request may ask (1,600 groups once took 39 s): 422, naming the column and the limit, at once.
        var groups = new StringBuilder("tract,met\n");
        for (var i = 0; i < 1_600; i++) groups.Append(CultureInfo.InvariantCulture, $"t{i},{i % 2}\n");
        var tooMany = await analyst.PostAsync("/api/equity/report?outcome=met&by=tract", new StringContent(groups.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        var problem = await tooMany.Content.ReadAsStringAsync();
        Assert.Contains("\"tract\"", problem);
        Assert.Contains("1,600 groups; a report compares at most 500", problem);

        var navigator = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInTests.PostSignInAsync(navigator, DemoAccounts.Email(Roles.Navigator), BraidApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await navigator.PostAsJsonAsync("/api/equity/report", new { source = "demo", outcome = "need_met", by = "race" })).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_redlining_report_renders_in_the_web_app_with_its_charts_and_sources(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var analyst = await AnalystAsync(app);
        foreach (var file in new[] { "ddk_holc_2010_census_tracts_5counties.csv", "usaleep_e0_subset_5counties.csv" })
        {
            var token = SignInTests.Token(await analyst.GetStringAsync("/equity/context"));
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "redlining", file))), "data", file },
            };
            var imported = await (await analyst.PostAsync("/equity/context", form)).Content.ReadAsStringAsync();
            Assert.Contains("Imported context for", imported);
        }

        var sources = await analyst.GetStringAsync("/equity/context");
        Assert.Contains("usaleep_e0_subset_5counties.csv", sources);
        Assert.Contains("CC BY-NC-SA 4.0", sources);

        var html = await analyst.GetStringAsync("/equity?source=Context&outcome=e0&by=holc_grade&order=D,C,B,A&per=county");

        Assert.Contains("<svg", html);
        Assert.Contains("e0 by holc_grade, from most disadvantaged to most advantaged", html);
        Assert.Contains("county 24510", html);
        Assert.Contains("SII", html);
        Assert.Contains("Mapping Inequality", html);
        Assert.Contains("USALEEP", html);
    }
}
