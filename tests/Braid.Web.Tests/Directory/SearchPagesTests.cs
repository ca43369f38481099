using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Braid.Core.Directory;
using Braid.Core.Directory.Hsds;
using Braid.Testing;

namespace Braid.Web.Tests.Directory;

/// <summary>The navigator's directory pages: browse by need category from the home page, as findhelp does, and narrow by cost and age.</summary>
public sealed class SearchPagesTests
{
    [Fact]
    public async Task Every_need_category_is_a_link_to_its_services()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var client = app.CreateClient();
        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/?lang=en"));
        var browse = home[home.IndexOf("id=\"browse\"", StringComparison.Ordinal)..];
        var links = Regex.Matches(browse, "<a href=\"/search\\?need=([a-z-]+)&lang=en\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(NeedDomains.All.Select(d => d.Code).Order(), links.Order());

        var food = WebUtility.HtmlDecode(await client.GetStringAsync("/search?need=food-insecurity&lang=en"));
        Assert.Contains("Food Pantry", food);
        Assert.DoesNotContain("Tenant Legal Clinic", food);
    }

    [Fact]
    public async Task Free_age_and_a_chosen_day_narrow_the_results_and_a_wrong_value_is_named()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var client = app.CreateClient();
        var data = await DemoDirectoryAsync(app);
        var services = data.All<Service>().ToDictionary(s => s.Id);
        async Task<(int Total, List<Service> Found)> SearchAsync(string query)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/directory/search?per_page=100&" + query);
            return (page.GetProperty("totalItems").GetInt32(), [.. page.GetProperty("results").EnumerateArray().Select(r => services[r.GetProperty("serviceId").GetString()!])]);
        }

        var all = await SearchAsync("");
        var free = await SearchAsync("free=true");
        var adult = await SearchAsync("age=30");

        // The demo's fees read "Free" or "Sliding scale based on income"; its senior services are for 60 and over.
        Assert.InRange(free.Total, 1, all.Total - 1);
        Assert.All(free.Found, s => Assert.Equal("Free", s.FeesDescription));
        Assert.InRange(adult.Total, 1, all.Total - 1);
        Assert.All(adult.Found, s => Assert.True(s.MinimumAge is null or <= 30, s.Name));

        var wrong = await client.GetAsync("/search?age=old&lang=en");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Age of the person", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));

        // The demo describes step-free access at some sites (an HSDS accessibility record on the location).
        var accessibleSites = data.All<Accessibility>().Select(a => a.LocationId).ToHashSet();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/directory/search?per_page=100&accessible=true");
        Assert.InRange(page.GetProperty("totalItems").GetInt32(), 1, all.Total - 1);
        Assert.All(page.GetProperty("results").EnumerateArray(), r => Assert.Contains(data.Find<ServiceAtLocation>(r.GetProperty("serviceAtLocationId").GetString()!)!.LocationId, accessibleSites));

        // 13 December 2026 is a Sunday: fewer services open than on some day of the week.
        var sunday = await SearchAsync("open_on=2026-12-13");
        Assert.InRange(sunday.Total, 0, all.Total - 1);
        var wrongDay = await client.GetAsync("/search?open_on=13/12/2026&lang=en");
        Assert.Equal(HttpStatusCode.BadRequest, wrongDay.StatusCode);
        Assert.Contains("Open on this day: '13/12/2026' is not a date", WebUtility.HtmlDecode(await wrongDay.Content.ReadAsStringAsync()).Replace("</label>", ""));
    }

    [Fact]
    public async Task The_results_map_has_a_numbered_pin_per_result_east_to_the_right_and_north_up()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var client = app.CreateClient();
        var data = await DemoDirectoryAsync(app);
        var locations = data.All<Location>().ToDictionary(l => l.Id);
        var placeOf = data.All<ServiceAtLocation>().ToDictionary(s => s.Id, s => locations[s.LocationId!]);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/search?need=food-insecurity&lang=en"));
        var listed = Regex.Matches(page, "<h2 translate=\"no\"><a href=\"/services/([^?\"]+)").Select(m => m.Groups[1].Value).ToList();
        var pins = Regex.Matches(page, "<a href=\"/services/([^?\"]+)\\?lang=en\" class=\"pin\" aria-label=\"Result (\\d+): [^\"]+\">\\s*<title>Result \\d+: [^<]+</title>\\s*<circle cx=\"([\\d.]+)\" cy=\"([\\d.]+)\"")
            .Select(m => (Id: m.Groups[1].Value, Number: int.Parse(m.Groups[2].Value), X: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)))
            .ToList();

        Assert.NotEmpty(listed);
        Assert.Equal(listed, pins.Select(p => p.Id)); // every demo service has an address in the city
        Assert.Equal(Enumerable.Range(1, listed.Count), pins.Select(p => p.Number));
        foreach (var a in pins)
        foreach (var b in pins)
        {
            var (la, lb) = (placeOf[a.Id], placeOf[b.Id]);
            if (la.Longitude < lb.Longitude - 0.001) Assert.True(a.X < b.X, $"{a.Id} is west of {b.Id}");
            if (la.Latitude < lb.Latitude - 0.001) Assert.True(a.Y > b.Y, $"{a.Id} is south of {b.Id}");
        }

        Assert.Contains("the numbers match the list below", page);
    }

    private static async Task<HsdsDataset> DemoDirectoryAsync(BraidApp app)
    {
        await using var db = Data.DatabaseOptions.CreateContext(app.ConnectionString);
        return await new Data.Directory.DirectoryStore(db).LoadAsync("demo");
    }
}
