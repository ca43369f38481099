using System.Net;
using System.Text.Json.Nodes;
using Braid.Testing;

namespace Braid.Web.Tests.Hsds;

/// <summary>The Open Referral UK validator's HSDS 3.0 test plan, levels 1 and 2, against the official schemas.</summary>
public sealed class HsdsApiTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Level_1_and_2_endpoints_validate_and_paginate_consistently(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient();
        var docs = new List<(string, JsonNode)>();
        async Task<JsonNode> Get(string url)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        docs.Add(("api_details", await Get("/hsds/")));
        foreach (var (list, item, listSchema, itemSchema) in new[]
        {
            ("services", "services", "compiled/service_list.json", "service.json"),
            ("organizations", "organizations", "organization.json", "organization.json"),
            ("service_at_locations", "service_at_locations", "compiled/service_at_location_list.json", "service_at_location.json"),
            ("taxonomies", "taxonomies", "taxonomy.json", "taxonomy.json"),
            ("taxonomy_terms", "taxonomy_terms", "taxonomy_term.json", "taxonomy_term.json"),
        })
        {
            var page = await Get($"/hsds/{list}?per_page=2&page=2");
            docs.Add(("page", page));
            Assert.Equal(2, (int)page["page_number"]!);
            var total = (int)page["total_items"]!;
            Assert.True(total > 2, $"{list}: the demo community should fill more than one page");
            Assert.Equal((total + 1) / 2, (int)page["total_pages"]!);
            var contents = page["contents"]!.AsArray();
            Assert.Equal(contents.Count, (int)page["size"]!);
            Assert.False((bool)page["first_page"]!);
            Assert.Equal(contents.Count == 0, (bool)page["empty"]!);
            foreach (var c in contents.Take(3))
            {
                docs.Add((listSchema, c!));
                var full = await Get($"/hsds/{item}/{c!["id"]}");
                docs.Add((itemSchema, full));
                Assert.True(Guid.TryParse((string)full["id"]!, out _));
            }
        }

        var errors = await HsdsSchemaValidator.ValidateAsync(docs);
        Assert.Empty(errors);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_the_official_full_service_When_read_through_the_API_Then_it_is_as_complete_as_the_example(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient();
        var example = Path.Combine(RepoPaths.HsdsExamples, "service_full.json");
        var report = await ImportAsync(app, example);
        var repairs = report.Issues.Where(i => i.Code is "link-dropped" or "whitespace").ToDictionary(i => (i.RecordId, i.Field), i => i.Code!);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(example))!;
        var id = (string)expected["id"]!;

        var differences = new List<string>();
        HsdsTree.Compare(expected, JsonNode.Parse(await client.GetStringAsync($"/hsds/services/{id}")), "service", id, repairs, differences);

        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
        var location = JsonNode.Parse(await client.GetStringAsync($"/hsds/services/{id}"))!["service_at_locations"]![0]!["location"]!;
        Assert.NotEmpty(location["addresses"]!.AsArray()); // an integrator reading one service gets its street address
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Full_pages_filtered_lists_and_every_id_endpoint_validate_against_the_official_schemas(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient();
        await ImportAsync(app, Path.Combine(RepoPaths.HsdsExamples, "service_full.json"));
        async Task<JsonNode> Get(string url)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        var docs = new List<(string, JsonNode)>();
        var services = await Get("/hsds/services?per_page=100");
        Assert.Equal(100, (int)services["size"]!);
        docs.AddRange(services["contents"]!.AsArray().Select(c => ("compiled/service_list.json", c!)));
        var first = services["contents"]![0]!;
        var food = Braid.Core.Directory.NeedDomains.TermId("food-insecurity");
        foreach (var url in new[]
        {
            "/hsds/services?search=food&per_page=100", $"/hsds/services?taxonomy_term_id={food}&per_page=100",
            $"/hsds/services?organization_id={first["organization_id"]}&per_page=100", "/hsds/services?modified_after=2000-01-01T00:00:00Z&per_page=100",
        })
        {
            var page = await Get(url);
            Assert.True((int)page["total_items"]! > 0, url);
            docs.AddRange(page["contents"]!.AsArray().Select(c => ("compiled/service_list.json", c!)));
        }

        docs.AddRange((await Get("/hsds/service_at_locations?per_page=100"))["contents"]!.AsArray().Select(c => ("compiled/service_at_location_list.json", c!)));
        foreach (var (list, schema) in new[] { ("services", "service.json"), ("organizations", "organization.json"), ("service_at_locations", "service_at_location.json"), ("taxonomies", "taxonomy.json"), ("taxonomy_terms", "taxonomy_term.json") })
        {
            foreach (var item in (await Get($"/hsds/{list}?per_page=5"))["contents"]!.AsArray())
            {
                docs.Add((schema, await Get($"/hsds/{list}/{item!["id"]}")));
            }
        }

        docs.Add(("service.json", await Get("/hsds/services/ac148810-d857-441c-9679-408f346de14b")));
        Assert.Empty(await HsdsSchemaValidator.ValidateAsync(docs));

        // The negative control: the validator does reject a broken document.
        var broken = (await Get($"/hsds/services/{first["id"]}")).AsObject();
        broken.Remove("name");
        broken["status"] = "sometimes";
        var errors = await HsdsSchemaValidator.ValidateAsync([("service.json", broken)]);
        Assert.Contains(errors, e => e.Contains("name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("status", StringComparison.Ordinal) || e.Contains("enum", StringComparison.Ordinal));
    }

    private static async Task<Braid.Interop.Hsds.ImportReport> ImportAsync(BraidApp app, string path)
    {
        await using var db = Braid.Data.DatabaseOptions.CreateContext(app.ConnectionString);
        var report = await new Braid.Interop.Hsds.HsdsImporter(new Braid.Data.Directory.DirectoryStore(db)).ImportAsync(path, "demo");
        Assert.True(report.Committed, string.Join("\n", report.Issues));
        return report;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Service_filters_combine_with_and(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient();
        var food = Braid.Core.Directory.NeedDomains.TermId("food-insecurity");
        var all = JsonNode.Parse(await client.GetStringAsync($"/hsds/services?per_page=500"))!;
        var byTerm = JsonNode.Parse(await client.GetStringAsync($"/hsds/services?per_page=500&taxonomy_term_id={food}"))!;
        var orgId = (string)byTerm["contents"]![0]!["organization_id"]!;
        var both = JsonNode.Parse(await client.GetStringAsync($"/hsds/services?per_page=500&taxonomy_term_id={food}&organization_id={orgId}"))!;

        Assert.InRange((int)byTerm["total_items"]!, 1, (int)all["total_items"]! - 1);
        Assert.InRange((int)both["total_items"]!, 1, (int)byTerm["total_items"]!);
        Assert.All(both["contents"]!.AsArray(), s => Assert.Equal(orgId, (string)s!["organization_id"]!));
        var future = JsonNode.Parse(await client.GetStringAsync("/hsds/services?modified_after=2100-01-01T00:00:00Z"))!;
        Assert.Equal(0, (int)future["total_items"]!);
        Assert.True((bool)future["empty"]!);
    }

    [Theory]
    [InlineData("/hsds/services?page=0", "page")]
    [InlineData("/hsds/services?per_page=abc", "per_page")]
    [InlineData("/hsds/services?modified_after=yesterday", "modified_after")]
    public async Task Bad_parameters_get_problem_details_naming_them(string url, string parameter)
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problem_details()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var response = await app.CreateClient().GetAsync($"/hsds/services/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
