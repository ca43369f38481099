using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Fhir;

/// <summary>The /fhir API as an EHR integrator uses it: its own people in full, others only as their consents allow, every read disclosed, errors as OperationOutcomes.</summary>
public sealed class FhirApiTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static async Task<HttpClient> ClientAsync(BraidApp app, string organization, string scope)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiTokens.IssueAsync(app, http, organization, scope));
        return http;
    }

    private static async Task<JsonObject> FhirAsync(HttpClient http, string url, HttpStatusCode expected)
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {response.StatusCode} {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_holding_organizations_system_reads_its_person_and_a_consented_CBO_sees_only_the_consented_categories(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        string clinic, cbo, person;
        List<string> consented;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            cbo = await db.Memberships.Where(m => m.Role == Roles.CboStaff).Select(m => m.OrganizationId).SingleAsync();
            // A person who consented to share some of their needs with the CBO, and not all.
            var consents = (await db.Consents.Where(c => c.GranteeValue == cbo).ToListAsync()).GroupBy(c => c.PersonId)
                .ToDictionary(g => g.Key, g => g.SelectMany(c => c.Categories.Split(',')).ToHashSet());
            var needs = (await db.Needs.Where(n => consents.Keys.Contains(n.PersonId)).ToListAsync()).GroupBy(n => n.PersonId);
            person = needs.OrderBy(g => g.Key, StringComparer.Ordinal).First(g => g.Any(n => !consents[g.Key].Contains(Braid.Data.People.PeopleStore.Name(Braid.Core.People.NeedCategories.Of(n.Category))))).Key;
            consented = [.. consents[person]];
            clinic = await db.People.Where(p => p.Id == person).Select(p => p.RegisteredBy).SingleAsync();
        }

        var ehr = await ClientAsync(app, clinic, Scopes.PersonRead);
        var patient = await FhirAsync(ehr, $"/fhir/Patient/{person}", HttpStatusCode.OK);
        var allNeeds = await FhirAsync(ehr, $"/fhir/Condition?patient=Patient/{person}", HttpStatusCode.OK);
        var pantry = await ClientAsync(app, cbo, Scopes.PersonRead);
        var theirs = await FhirAsync(pantry, $"/fhir/Condition?patient={person}", HttpStatusCode.OK);

        Assert.Equal("Patient", (string?)patient["resourceType"]);
        Assert.True((int)allNeeds["total"]! > (int)theirs["total"]!, "the CBO sees fewer needs than the record holds");
        var categories = theirs["entry"]!.AsArray().Select(e => (string)e!["resource"]!["category"]!.AsArray()[2]!["coding"]![0]!["code"]!).ToList();
        Assert.All(categories, c => Assert.Contains(Braid.Data.People.PeopleStore.Name(Braid.Core.People.NeedCategories.Of(c)), consented));
        var first = (string)theirs["entry"]![0]!["resource"]!["id"]!;
        Assert.Equal(first, (string?)(await FhirAsync(pantry, $"/fhir/Condition/{first}", HttpStatusCode.OK))["id"]);

        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
            Assert.Equal(4, await db.Disclosures.CountAsync(d => d.PersonId == person && d.Channel == "fhir"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_EHR_records_the_IGs_hunger_vital_sign_response_and_bad_ones_are_refused_naming_what_is_wrong_with_nothing_stored(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var (clinic, person) = await UnscreenedAsync(app);
        var example = Example("HungerVitalSign", person);
        var ehr = await ClientAsync(app, clinic, Scopes.ScreeningWrite);
        async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string body)
        {
            var response = await ehr.PostAsync("/fhir/QuestionnaireResponse", new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json"));
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
        }

        string Changed(Action<JsonObject> change)
        {
            var copy = example.DeepClone().AsObject();
            change(copy);
            return copy.ToJsonString();
        }

        var refusals = new (string Body, string Says)[]
        {
            ("{\"resourceType\":\"Patient\",\"id\":\"x\"}", "QuestionnaireResponse"),
            ("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"sort-of\"}", "sort-of"),
            ("{ not json", "Invalid"),
            (Changed(c => c["item"]![0]!["linkId"] = "/12345-6"), "12345-6"),
            (Changed(c => c["item"]![0]!["answer"]![0]!["valueCoding"]!["code"] = "LA00000-0"), "LA00000-0"),
            (Changed(c => c["questionnaire"] = "http://example.org/Questionnaire/phq-9"), "phq-9"),
            (Changed(c => c["subject"] = new JsonObject { ["reference"] = "Group/1" }), "subject"),
            (Changed(c => c["item"]!.AsArray().Add(c["item"]![0]!.DeepClone())), "more than once"),
        };
        foreach (var (body, says) in refusals)
        {
            var (status, outcome) = await PostAsync(body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{says}: {status}");
            Assert.True((string?)outcome["resourceType"] == "OperationOutcome", $"{says}: {outcome.ToJsonString()}");
            Assert.Contains(says, outcome.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }

        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
            Assert.Equal(0, await db.Screenings.CountAsync(s => s.PersonId == person));

        var (created, stored) = await PostAsync(example.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("QuestionnaireResponse", (string?)stored["resourceType"]);
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
            Assert.Equal(["food-insecurity"], await db.Needs.Where(n => n.PersonId == person).Select(n => n.Category).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_EHR_records_the_IGs_PRAPARE_response_and_a_count_out_of_range_is_refused_naming_the_item(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var (clinic, person) = await UnscreenedAsync(app);
        var example = Example("PRAPARE", person);
        var ehr = await ClientAsync(app, clinic, Scopes.ScreeningWrite);
        var bad = example.DeepClone().AsObject();
        bad["item"]![0]!["item"]![1]!["item"]![0]!["answer"]![0]!["valueInteger"] = 0;

        var refused = await ehr.PostAsync("/fhir/QuestionnaireResponse", new StringContent(bad.ToJsonString(), System.Text.Encoding.UTF8, "application/fhir+json"));
        var created = await ehr.PostAsync("/fhir/QuestionnaireResponse", new StringContent(example.ToJsonString(), System.Text.Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("63512-8", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            // Braid's PRAPARE rules over the IG's answers: no housing, less than high school, unemployed, clothing and child care, transportation, not safe at home.
            Assert.Equal(["educational-attainment", "employment-status", "homelessness", "material-hardship", "sdoh-category-unspecified", "transportation-insecurity"],
                (await db.Needs.Where(n => n.PersonId == person).Select(n => n.Category).ToListAsync()).Order());
            Assert.Equal(1, await db.Screenings.CountAsync(s => s.PersonId == person));
        }
    }

    /// <summary>The navigator's organization and one of its people never screened, with no needs yet.</summary>
    private static async Task<(string Clinic, string Person)> UnscreenedAsync(BraidApp app)
    {
        _ = app.CreateClient();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var clinic = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
        return (clinic, await db.People.Where(p => p.RegisteredBy == clinic && !db.Needs.Any(n => n.PersonId == p.Id) && !db.Screenings.Any(s => s.PersonId == p.Id))
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
    }

    /// <summary>The IG's example response to the instrument, about the person.</summary>
    internal static JsonObject Example(string instrument, string person)
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, $"tests/fixtures/fhir-sdoh/examples/QuestionnaireResponse-SDOHCC-QuestionnaireResponse{instrument}Example.json")))!.AsObject();
        example["subject"] = new JsonObject { ["reference"] = "Patient/" + person };
        return example;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Refusals_and_bad_requests_are_OperationOutcomes_that_say_what_is_wrong(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        string clinic, person;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            clinic = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
            person = await db.People.Where(p => p.RegisteredBy == clinic).Select(p => p.Id).FirstAsync();
        }

        var directoryOnly = await ClientAsync(app, clinic, Scopes.DirectoryRead);
        var ehr = await ClientAsync(app, clinic, Scopes.PersonRead);
        var anonymous = app.CreateClient();

        Assert.Contains("person.read", (string)(await FhirAsync(directoryOnly, $"/fhir/Patient/{person}", HttpStatusCode.Forbidden))["issue"]![0]!["diagnostics"]!);
        Assert.Equal("OperationOutcome", (string?)(await FhirAsync(anonymous, $"/fhir/Patient/{person}", HttpStatusCode.Unauthorized))["resourceType"]);
        Assert.Contains("birthdate", (string)(await FhirAsync(ehr, "/fhir/Patient?birthdate=31-12-1990", HttpStatusCode.BadRequest))["issue"]![0]!["diagnostics"]!);
        Assert.Contains("Medication", (string)(await FhirAsync(ehr, $"/fhir/Medication?patient={person}", HttpStatusCode.NotFound))["issue"]![0]!["diagnostics"]!);
        Assert.Equal("not-found", (string?)(await FhirAsync(ehr, "/fhir/Patient/no-such-person", HttpStatusCode.NotFound))["issue"]![0]!["code"]);
        Assert.Equal("CapabilityStatement", (string?)(await FhirAsync(anonymous, "/fhir/metadata", HttpStatusCode.OK))["resourceType"]);
    }
}
