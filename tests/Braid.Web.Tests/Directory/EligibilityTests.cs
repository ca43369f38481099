using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Testing;
using Braid.Web.Listings;

namespace Braid.Web.Tests.Directory;

/// <summary>Eligibility a machine can use: each result says whether the person is likely eligible, with the rule and the fact; owners edit the rules; the HSDS export keeps the text.</summary>
public sealed class EligibilityTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static async Task<List<JsonElement>> ResultsAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/directory/search?per_page=100&need=food-insecurity&" + query);
        return [.. page.GetProperty("results").EnumerateArray()];
    }

    private static JsonElement Check(JsonElement result, string rule) =>
        result.GetProperty("eligibility").GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("rule").GetString() == rule);

    [Fact]
    public async Task Each_result_is_judged_against_the_services_rules_for_the_person_searched_for()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Providers[0]);
        var client = app.CreateClient();
        HsdsDataset data;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString)) data = await new DirectoryStore(db).LoadAsync("demo");

        // A household of four with $40,000 a year is at 124.4% of the 2025 HHS guideline ($32,150), under the demo pantries' 200%.
        var fits = await ResultsAsync(client, "age=34&household=4&income=40000&county=24510");
        Assert.NotEmpty(fits);
        foreach (var result in fits)
        {
            var service = result.GetProperty("serviceId").GetString()!;
            var rules = data.All<HsdsAttribute>().Where(a => a.LinkId == service && a.LinkType == EligibilityAttributes.LinkType).ToList();
            Assert.Contains(rules, a => a.TaxonomyTermId == EligibilityAttributes.IncomeTermId && a.Value == "200");
            Assert.Contains(rules, a => a.TaxonomyTermId == EligibilityAttributes.CountyTermId && a.Value == "24510");
            Assert.Equal("likely", result.GetProperty("eligibility").GetProperty("verdict").GetString());
            var income = Check(result, "income");
            Assert.Equal(("met", 124.4m, 2025), (income.GetProperty("outcome").GetString(), income.GetProperty("incomePercent").GetDecimal(), income.GetProperty("guidelineYear").GetInt32()));
        }

        // $70,000 is 217.7% of it: likely not, and the income rule says why.
        var over = await ResultsAsync(client, "household=4&income=70000&county=24510");
        Assert.All(over, r => Assert.Equal(("likely-not", "not-met"), (r.GetProperty("eligibility").GetProperty("verdict").GetString(), Check(r, "income").GetProperty("outcome").GetString())));
        Assert.All(over, r => Assert.Equal(217.7m, Check(r, "income").GetProperty("incomePercent").GetDecimal()));
        Assert.NotEmpty(over);
        Assert.Empty(await ResultsAsync(client, "household=4&income=70000&county=24510&eligible=true"));
        Assert.Equal(fits.Count, (await ResultsAsync(client, "age=34&household=4&income=40000&county=24510&eligible=true")).Count);

        // Where the person lives is not given: never guessed.
        var nowhere = await ResultsAsync(client, "household=4&income=40000");
        Assert.All(nowhere, r => Assert.Equal(("unknown", "fact-missing"), (r.GetProperty("eligibility").GetProperty("verdict").GetString(), Check(r, "residence").GetProperty("outcome").GetString())));
        Assert.All(await ResultsAsync(client, ""), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("eligibility").ValueKind));

        var alone = await client.GetAsync("/api/directory/search?income=40000");
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Contains("household size", await alone.Content.ReadAsStringAsync());
        var county = await client.GetAsync("/search?county=Baltimore&lang=en");
        Assert.Equal(HttpStatusCode.BadRequest, county.StatusCode);
        Assert.Contains("'Baltimore' is not a county code", WebUtility.HtmlDecode(await county.Content.ReadAsStringAsync()));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/search?need=food-insecurity&age=34&household=4&income=40000&county=24510&lang=en"));
        Assert.Contains("<strong>Likely eligible.</strong>", page);
        Assert.Contains("Meets: household income at or below 200% of the federal poverty guidelines — 124.4% of the 2025 guideline for a household of 4", page);
        Assert.Contains("Meets: lives in county 24510 — county 24510", page);
        Assert.Contains("Documents to bring: <span translate=\"no\">Photo ID, Proof of address</span>", page);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_owner_edits_the_rules_bad_rules_are_refused_and_the_HSDS_export_keeps_the_text(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var api = app.CreateClient();
        string cbo, sal, service;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            cbo = db.Memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
            sal = await DemoListings.OfAsync(db, cbo);
            service = db.Set<ServiceAtLocation>().Single(s => s.Id == sal).ServiceId!;
        }

        var token = await ApiTokens.IssueAsync(app, api, cbo, Scopes.DirectoryWrite);
        HttpRequestMessage Request(HttpMethod method, object? body = null) => new(method, $"/api/listings/{sal}")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = body is null ? null : JsonContent.Create(body),
        };
        var listing = (await (await api.SendAsync(Request(HttpMethod.Get))).Content.ReadFromJsonAsync<ListingDto>())!;
        var text = listing.Form.Eligibility;

        var bad = await api.SendAsync(Request(HttpMethod.Put, listing.Form with { IncomeLimit = "lots", Counties = "Baltimore", MinimumAge = "65", MaximumAge = "18" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"income_limit\"", problem);
        Assert.Contains("\"counties\"", problem);
        Assert.Contains("\"maximum_age\"", problem);

        var edited = listing.Form with { MinimumAge = "18", IncomeLimit = "150", Counties = "24510, 24005", Zips = "21201", Documents = "Photo ID\nLease or utility bill" };
        var saved = await api.SendAsync(Request(HttpMethod.Put, edited));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("eligibility_rules", (await saved.Content.ReadFromJsonAsync<ListingSavedDto>())!.Changes.Select(c => c.Field));
        var again = (await (await api.SendAsync(Request(HttpMethod.Get))).Content.ReadFromJsonAsync<ListingDto>())!.Form;
        Assert.Equal(("18", "150", "24005, 24510", "21201", "Lease or utility bill\nPhoto ID"), (again.MinimumAge, again.IncomeLimit, again.Counties, again.Zips, again.Documents));

        // The search judges by the new rules: 124.4% is under 150%, the second county is served, and 17 is under the age now.
        var name = Uri.EscapeDataString(listing.Form.Name!);
        var adult = await WaitForAsync(api, $"q={name}&age=18&household=4&income=40000&county=24005", sal);
        Assert.Equal("likely", adult.GetProperty("eligibility").GetProperty("verdict").GetString());
        var minor = await api.GetFromJsonAsync<JsonElement>($"/api/directory/search?per_page=100&q={name}&age=17");
        Assert.DoesNotContain(minor.GetProperty("results").EnumerateArray(), r => r.GetProperty("serviceAtLocationId").GetString() == sal);

        // HSDS keeps the text people read, and carries the rules as the service's ages, attributes and required documents.
        var hsds = JsonNode.Parse(await api.GetStringAsync($"/hsds/services/{service}"))!;
        Assert.Equal(text, (string?)hsds["eligibility_description"]);
        Assert.Equal(18, (double?)hsds["minimum_age"]);
        Assert.Equal(["Lease or utility bill", "Photo ID"], hsds["required_documents"]!.AsArray().Select(d => (string)d!["document"]!).Order());
        Assert.Contains(hsds["attributes"]!.AsArray(), a => (string?)a!["taxonomy_term"]?["code"] == "income-limit-percent-fpg" && (string?)a["value"] == "150");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_referring_a_person_sees_each_service_judged_by_the_persons_record_and_the_read_is_in_their_log(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        await using var app = await BraidApp.StartAsync(provider, clock);
        var navigator = await Access.SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var (person, _, _) = await DemoPeopleRecords.NavigatorsAsync(app);
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            var store = new Data.People.PeopleStore(db);
            var (record, _) = (await store.FindAsync(new("demo"), new(person)))!.Value;
            await store.UpdateAsync(new("demo"), record with
            {
                BirthDate = new DateOnly(1990, 12, 8), Tract = "24510271400", HouseholdSize = Core.People.Reported<int>.Answer(4),
                IncomeBand = Core.People.Reported<string>.Answer("100-199-fpl"),
            }, clock.GetUtcNow());
        }

        var page = WebUtility.HtmlDecode(await navigator.GetStringAsync($"/people/{person}/refer?need=n&category=food-insecurity&lang=en"));
        // 35 years old (36 tomorrow), between the guideline and twice it, living in Baltimore City (tract 24510…).
        Assert.Contains("<strong>Likely eligible.</strong>", page);
        Assert.Contains("Meets: household income at or below 200% of the federal poverty guidelines — income: ", page);
        Assert.Contains("Meets: lives in county 24510 — county 24510", page);
        if (page.Contains("ages 60 and over", StringComparison.Ordinal)) Assert.Contains("Does not meet: ages 60 and over — age 35", page);

        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            Assert.Contains(db.Disclosures.Where(d => d.PersonId == person).Select(d => d.Channel).AsEnumerable(), c => c == "eligibility");
        }
    }

    /// <summary>The listing among the results once the live index has the edit (its income limit 150%; the index checks four times a second).</summary>
    private static async Task<JsonElement> WaitForAsync(HttpClient api, string query, string sal)
    {
        for (var i = 0; i < 40; i++)
        {
            var page = await api.GetFromJsonAsync<JsonElement>("/api/directory/search?per_page=100&" + query);
            var found = page.GetProperty("results").EnumerateArray().FirstOrDefault(r => r.GetProperty("serviceAtLocationId").GetString() == sal);
            if (found.ValueKind == JsonValueKind.Object && found.GetProperty("eligibility").GetProperty("rules").GetProperty("incomeLimitPercent") is { ValueKind: JsonValueKind.Number } limit
                && limit.GetInt32() == 150) return found;
            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"The edited listing {sal} was not found with its new rules by {query}.");
    }
}
