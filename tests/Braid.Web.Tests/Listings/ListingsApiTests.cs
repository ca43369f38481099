using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Testing;
using Braid.Web.Listings;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Listings;

public sealed class ListingsApiTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_client_with_directory_write_edits_its_own_organizations_listing_and_nothing_else(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var api = app.CreateClient();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var cbo = db.Memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
        var other = db.Memberships.Single(m => m.Role == Roles.Navigator).OrganizationId;
        var sal = await DemoListings.OfAsync(db, cbo);

        var writer = await ApiTokens.IssueAsync(app, api, cbo, Scopes.DirectoryWrite);
        var listing = await Send<ListingDto>(api, HttpMethod.Get, $"/api/listings/{sal}", writer);
        var form = listing.Form with { Hours = [new DayHours("SU", "13:00", "15:00")], Capacity = "25 per week" };
        var saved = await api.SendAsync(Request(HttpMethod.Put, $"/api/listings/{sal}", writer, form));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var result = await saved.Content.ReadFromJsonAsync<ListingSavedDto>();
        Assert.Equal(["capacity", "hours"], result!.Changes.Select(c => c.Field).Order());

        var invalid = await api.SendAsync(Request(HttpMethod.Put, $"/api/listings/{sal}", writer, form with { PostalCode = "abc", Name = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"postal_code\"", problem);
        Assert.Contains("\"name\"", problem);

        using (var scope = app.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ListingStore>();
            var version = Assert.Single(await store.HistoryAsync("demo", listing.ServiceId));
            Assert.StartsWith("client:", version.Actor);
            var reloaded = await store.LoadAsync("demo", sal);
            Assert.Equal("25 per week", reloaded!.Capacity!.Value);
            Assert.Equal("SU", Assert.Single(reloaded.Schedules).Byday);
        }

        var reader = await ApiTokens.IssueAsync(app, api, cbo, Scopes.DirectoryRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(Request(HttpMethod.Put, $"/api/listings/{sal}", reader, form))).StatusCode);
        var outsider = await ApiTokens.IssueAsync(app, api, other, Scopes.DirectoryWrite);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(Request(HttpMethod.Put, $"/api/listings/{sal}", outsider, form))).StatusCode);
        // The other organization has not claimed its listings, so even its own client cannot edit them yet.
        var own = await api.SendAsync(Request(HttpMethod.Put, $"/api/listings/{await DemoListings.OfAsync(db, other)}", outsider, form));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("not been approved", await own.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string token, object? body = null) => new(method, url)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = body is null ? null : JsonContent.Create(body),
    };

    private static async Task<T> Send<T>(HttpClient api, HttpMethod method, string url, string token)
    {
        var response = await api.SendAsync(Request(method, url, token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
