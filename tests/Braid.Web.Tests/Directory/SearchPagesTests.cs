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
    public async Task Free_and_age_narrow_the_results_and_a_wrong_age_is_named()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var client = app.CreateClient();
        HsdsDataset data;
        await using (var db = Data.DatabaseOptions.CreateContext(app.ConnectionString)) data = await new Data.Directory.DirectoryStore(db).LoadAsync("demo");
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
    }
}
