using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Braid.Application.Directory;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Testing;
using Braid.Web.Listings;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Directory;

/// <summary>Edits reach search at once and in place: the index is patched, not rebuilt.</summary>
public sealed class LiveIndexTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task The_search_right_after_an_edit_finds_the_listing_by_its_new_name_without_a_rebuild(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var api = app.CreateClient();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var cbo = db.Memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
        var sal = await DemoListings.OfAsync(db, cbo);
        Assert.Equal(0, await TotalAsync(api, "q=zanzibarian"));
        var search = app.Services.GetRequiredService<SearchDirectory>();
        var before = await search.CurrentAsync();

        var writer = await ApiTokens.IssueAsync(app, api, cbo, Scopes.DirectoryWrite);
        var listing = await (await api.SendAsync(Request(HttpMethod.Get, $"/api/listings/{sal}", writer))).Content.ReadFromJsonAsync<ListingDto>();
        var saved = await api.SendAsync(Request(HttpMethod.Put, $"/api/listings/{sal}", writer, listing!.Form with { Name = "Zanzibarian kitchen" }));
        saved.EnsureSuccessStatusCode();

        Assert.Equal(1, await TotalAsync(api, "q=zanzibarian"));
        var after = await search.CurrentAsync();
        Assert.Equal(before.Index.Count, after.Index.Count);
        Assert.True(after.Index.DeltaCount > 0, "the edit was layered over the index, not rebuilt into it");
        Assert.Equal("Zanzibarian kitchen", after.Index.Find(sal)!.ServiceName);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_write_by_another_process_is_seen_without_a_search_waiting_and_a_closed_services_listings_disappear(string provider)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await BraidApp.StartAsync(provider, clock);
        var api = app.CreateClient();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var total = await TotalAsync(api, "");
        var store = new DirectoryStore(db);
        var data = await store.LoadAsync("demo");
        var service = data.All<Service>().First(s => s.Status == "active" && data.All<ServiceAtLocation>().Any(x => x.ServiceId == s.Id));
        var listings = data.All<ServiceAtLocation>().Count(x => x.ServiceId == service.Id);

        // As `braid import` would, from its own process: a service closes.
        service.Status = "inactive";
        await store.WriteAsync("demo", [service]);
        clock.Advance(TimeSpan.FromSeconds(1));

        // The search that notices the new version starts the update and answers at once; the update lands moments later.
        var seen = await TotalAsync(api, "");
        for (var waited = 0; seen != total - listings && waited < 100; waited++)
        {
            await Task.Delay(50);
            seen = await TotalAsync(api, "");
        }

        Assert.Equal(total - listings, seen);
        Assert.True((await app.Services.GetRequiredService<SearchDirectory>().CurrentAsync()).Index.DeltaCount == 0, "a closed service's listings are hidden, not re-added");
    }

    private static async Task<int> TotalAsync(HttpClient api, string query) =>
        (int)JsonNode.Parse(await api.GetStringAsync("/api/directory/search?per_page=1&" + query))!["totalItems"]!;

    private static HttpRequestMessage Request(HttpMethod method, string url, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
