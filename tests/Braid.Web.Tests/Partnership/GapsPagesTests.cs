using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Region;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Partnership;

/// <summary>The analyst's network-gap map: every tract drawn, each filled by its own count, the table agreeing with the database, and redlining as a layer once imported.</summary>
public sealed partial class GapsPagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Unmet_need_by_tract_is_drawn_from_the_same_counts_the_table_gives_with_small_counts_withheld(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        var page = WebUtility.HtmlDecode(await analyst.GetStringAsync("/gaps?lang=en"));

        var fills = TractFill().Matches(page).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        Assert.Equal(RegionData.Map.Tracts.Count, fills.Count);
        Assert.Matches("<svg id=\"gap-map\"[^>]*role=\"img\" aria-labelledby=\"gap-map-title\"", page);

        // Needs a screening found, not turned down, that no referral took up, counted by the person's tract, straight from the database.
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var taken = new[] { "accepted", "in-progress", "on-hold", "completed" };
        var unmet = await (from n in db.Needs
                           join p in db.People on new { n.CommunityId, Id = n.PersonId } equals new { p.CommunityId, p.Id }
                           where n.ScreeningId != null && n.Status != "rejected" && p.Tract != null && p.MergedInto == null
                                 && !db.Referrals.Any(r => r.NeedId == n.Id && taken.Contains(r.Status))
                           group n by p.Tract into g
                           select new { Tract = g.Key!, Count = g.Count() }).ToDictionaryAsync(g => g.Tract, g => g.Count);
        Assert.NotEmpty(unmet);

        var rows = TableRow().Matches(page).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        foreach (var (tract, count) in unmet)
        {
            Assert.Equal(count < 11 ? "fewer than 11" : count.ToString(), rows[tract]);
            if (count < 11) Assert.Equal("c1", fills[tract]);
            else Assert.Contains(fills[tract], new[] { "c2", "c3", "c4" });
        }

        Assert.All(fills.Where(f => !unmet.ContainsKey(f.Key)), f => Assert.Equal("c0", f.Value));
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/gaps?layer=weather")).StatusCode);
        Assert.True(SignInTests.Denied(await (await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator))).GetAsync("/gaps?lang=en")));
    }

    [Fact]
    public async Task Redlining_becomes_a_layer_once_the_neighbourhood_context_is_imported()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var analyst = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Analyst));
        Assert.Contains("id=\"context-missing\"", await analyst.GetStringAsync("/gaps?layer=holc&lang=en"));

        var form = await analyst.GetStringAsync("/equity/context?lang=en");
        var file = Path.Combine(AppContext.BaseDirectory, "fixtures", "redlining", "ddk_holc_2010_census_tracts_5counties.csv");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(SignInTests.Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(file)), "data", "holc.csv" },
            { new StringContent("Mapping Inequality"), "source" },
        };
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync("/equity/context?lang=en", upload)).StatusCode);

        var page = WebUtility.HtmlDecode(await analyst.GetStringAsync("/gaps?layer=holc&lang=en"));
        var fills = TractFill().Matches(page).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        // The fixture's first tract is graded D (mainly D) by the DDK crosswalk.
        Assert.Equal("holc-d", fills["24510010100"]);
        var graded = File.ReadLines(file).Skip(1).Select(l => l.Split(',')).Where(f => f[0].StartsWith("24510", StringComparison.Ordinal)).ToDictionary(f => f[0], f => f[1]);
        Assert.All(fills.Where(f => graded.ContainsKey(f.Key)), f => Assert.Equal("holc-" + graded[f.Key].ToLowerInvariant(), f.Value));
        Assert.DoesNotContain("id=\"context-missing\"", page);
    }

    [GeneratedRegex("<path d=\"[^\"]*\" class=\"tract ([a-z0-9-]+)\" data-tract=\"([0-9]{11})\"")]
    private static partial Regex TractFill();

    [GeneratedRegex("<th scope=\"row\" translate=\"no\">([0-9]{11})</th>\\s*<td class=\"num\">([^<]*)</td>")]
    private static partial Regex TableRow();
}
