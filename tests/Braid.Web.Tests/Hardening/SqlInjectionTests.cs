using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Hardening;

/// <summary>
/// SQL injection: classic probes (tautologies, a stacked statement, a UNION, comments, a LIKE
/// wildcard) in every text parameter that reaches a query. Each probe finds exactly what its words
/// alone find (the same text with its quotes, operators and comment marks blanked), and no table changes.
/// </summary>
public sealed partial class SqlInjectionTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    // Each starts with a word found nowhere, so a query that took the text as text finds nothing a tautology would.
    private static readonly string[] Probes =
    [
        "zzqx' OR '1'='1", "zzqx' OR 1=1 --", "zzqx'; DROP TABLE services; --", "zzqx' UNION SELECT id FROM people --", "zzqx\" OR \"\"=\"",
        "zzqx%' OR 'a' LIKE '%", "zzqx') OR ('1'='1", "zzqx' OR '1'='1' /*", "zzqx\\' OR 1=1 #",
    ];

    // Reads leave their own trace (the audit trail, disclosures of personal data); nothing else may change.
    private static readonly string[] WrittenByReads = ["audit_events", "audit_head", "audit_lanes", "disclosures"];

    [Theory, MemberData(nameof(Providers))]
    public async Task Probes_in_every_queried_parameter_find_what_their_words_alone_find(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var http = app.CreateClient();
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        string clinic;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
            clinic = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
        var ehr = app.CreateClient();
        ehr.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await ApiTokens.IssueAsync(app, http, clinic, Scopes.DirectoryRead, Scopes.PersonRead, Scopes.ReferralRead));

        (HttpClient Client, string Url, string Count)[] queries =
        [
            (ehr, "/api/directory/search?q=", "totalItems"), (ehr, "/hsds/services?search=", "total_items"), (ehr, "/hsds/services?organization_id=", "total_items"),
            (ehr, "/hsds/services?taxonomy_term_id=", "total_items"), (ehr, "/hsds/services?taxonomy_id=", "total_items"), (ehr, "/hsds/organizations?search=", "total_items"),
            (ehr, "/hsds/service_at_locations?search=", "total_items"), (ehr, "/hsds/taxonomy_terms?taxonomy_id=", "total_items"),
            (admin, "/api/audit?actor=", "totalItems"), (admin, "/api/audit?action=", "totalItems"), (admin, "/api/audit?target=", "totalItems"),
            (ehr, "/fhir/Patient?name=", "total"), (ehr, "/fhir/Patient?phone=", "total"), (ehr, "/fhir/Task?patient=", "total"), (ehr, "/fhir/Task?owner=", "total"),
            (ehr, "/fhir/ServiceRequest?patient=", "total"), (ehr, "/fhir/QuestionnaireResponse?patient=", "total"),
        ];

        var before = await UnreadTablesAsync(app.ConnectionString);
        var differences = new List<string>();
        foreach (var (client, url, count) in queries)
        {
            foreach (var probe in Probes)
            {
                var words = Regex.Replace(probe, "[^A-Za-z0-9]+", " ").Trim();
                var (probed, plain) = (await CountAsync(client, url + Uri.EscapeDataString(probe), count), await CountAsync(client, url + Uri.EscapeDataString(words), count));
                // A refusal (400) of text that is not a valid value is as safe as an answer; an answer must be the plain words' answer.
                if (probed is not null && probed != plain) differences.Add($"{url}{probe}: {probed} found, {plain} for “{words}”");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
        var after = await UnreadTablesAsync(app.ConnectionString);
        Assert.Equal(before, after);
    }

    /// <summary>The count a search answered, or null when it refused the text (a 400 that names it).</summary>
    private static async Task<int?> CountAsync(HttpClient client, string url, string count)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.BadRequest) return null;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return (int)JsonNode.Parse(body)![count]!;
    }

    private static async Task<SortedDictionary<string, (int Rows, string Hash)>> UnreadTablesAsync(string connectionString) =>
        new((await EveryTable.FingerprintAsync(connectionString)).Where(t => !WrittenByReads.Contains(t.Key)).ToDictionary(), StringComparer.Ordinal);
}
