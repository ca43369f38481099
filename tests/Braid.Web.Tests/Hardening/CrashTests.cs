using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Core.Referrals;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Data.Directory;
using Braid.Interop.Fhir;
using Braid.Testing;
using Braid.Web.Tests.Fhir;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace Braid.Web.Tests.Hardening;

/// <summary>
/// The real server killed with SIGKILL at random moments while clients send referrals (FHIR
/// ServiceRequest and Task), accept them, edit listings and record screenings (FHIR
/// QuestionnaireResponse). After each restart: every change the server acknowledged is there, each referral's state is the fold of its events, the audit trail
/// verifies, and the outbox holds notices only of changes that committed, each once.
/// <c>BRAID_CHAOS_ROUNDS</c> and <c>BRAID_CHAOS_CLIENTS</c> set the size (the suite: 3 kills of 8
/// clients; <c>bench/chaos/run</c>: 20 of 32).
/// </summary>
public sealed class CrashTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private sealed record Listing(string Id, ConcurrentQueue<(string Name, bool Acknowledged)> Writes);

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_acknowledged_change_survives_kills_at_random_moments(string provider)
    {
        var rounds = TestSize.FromEnvironment("BRAID_CHAOS_ROUNDS", 3);
        var clientCount = TestSize.FromEnvironment("BRAID_CHAOS_CLIENTS", 8);
        var random = new Random(TestSize.FromEnvironment("BRAID_CHAOS_SEED", 2026));
        var database = await TestDatabases.CreateEmptyAsync(provider);
        string[] settings = ["--ConnectionStrings:Braid=" + database, "--Braid:DataDirectory=" + System.IO.Directory.CreateTempSubdirectory("braid-chaos-").FullName,
                             "--Braid:DemoServices=60", "--Braid:DemoPeople=40", "--Braid:OutboxPollSeconds=0.2"];

        var created = new ConcurrentDictionary<string, bool>(); // task id → its acceptance acknowledged
        var screenings = new ConcurrentBag<string>();
        var listings = new List<Listing>();
        (string Clinic, string Pantry, string EhrToken, string CboToken, string Person)? parties = null;
        for (var round = 0; round <= rounds; round++)
        {
            await using var server = await WebAppProcess.StartAsync(settings, TimeSpan.FromMinutes(2));
            if (parties is null)
            {
                parties = await PartiesAsync(server, database);
                listings = [.. (await ListingsAsync(database, parties.Value.Pantry)).Take(clientCount).Select(id => new Listing(id, new()))];
            }

            await CheckAsync(server, database, parties.Value.CboToken, created, listings, screenings, round);
            if (round == rounds) break;

            // One client's round of each operation first: a fresh server compiles its code paths on first use, which under
            // 32 clients on two cores can outlast a whole round. Then the clients work until the kill, at a moment drawn anew.
            await ClientAsync(server.Url, database, parties.Value, listings.FirstOrDefault(), created, screenings, -1, CancellationToken.None, operations: 4);
            using var stop = new CancellationTokenSource();
            var work = Enumerable.Range(0, clientCount).Select(i => Task.Run(() =>
                ClientAsync(server.Url, database, parties.Value, i < listings.Count ? listings[i] : null, created, screenings, i, stop.Token))).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_500, 5_000)));
            await server.DisposeAsync(); // SIGKILL, mid-work
            await stop.CancelAsync();
            await Task.WhenAll(work);
        }

        // The kills came while there was work: referrals sent and accepted, listings renamed, screenings recorded.
        var (accepted, renamed) = (created.Count(c => c.Value), listings.Sum(l => l.Writes.Count(w => w.Acknowledged)));
        TestContext.Current.TestOutputHelper?.WriteLine($"{rounds} kills of {clientCount} clients: {created.Count} referrals sent, {accepted} accepted, {renamed} listing edits and {screenings.Count} screenings acknowledged");
        Assert.True(created.Count > 0 && accepted > 0 && renamed > 0 && !screenings.IsEmpty, $"too little work to test: {created.Count} sent, {accepted} accepted, {renamed} edits, {screenings.Count} screenings");
    }

    /// <summary>One client: sends a referral, accepts one it sent, edits its own listing, records a screening, over and over until stopped (or for so many operations); a failed call is simply not acknowledged.</summary>
    private static async Task ClientAsync(string url, string database, (string Clinic, string Pantry, string EhrToken, string CboToken, string Person) parties, Listing? listing,
        ConcurrentDictionary<string, bool> created, ConcurrentBag<string> screenings, int client, CancellationToken stop, int operations = int.MaxValue)
    {
        using var ehr = Client(url, parties.EhrToken);
        using var cbo = Client(url, parties.CboToken);
        var mine = new Queue<string>();
        // A client with a listing starts with an edit: under many clients a round may end before its third step.
        var first = listing is null ? 0 : 2;
        for (var n = first; !stop.IsCancellationRequested && n - first < operations; n++)
        {
            try
            {
                if (n % 4 == 0)
                {
                    var (person, need, _, _) = await DemoReferrals.ReferrableAsync(database);
                    var order = await SendAsync(ehr, HttpMethod.Post, "/fhir/ServiceRequest", ReferralFhirApiTests.Order(person, need, parties.Clinic, parties.Pantry), ("Idempotency-Key", $"chaos-{client}-{n}-{Guid.NewGuid():N}"));
                    if (order is not ({ StatusCode: HttpStatusCode.Created }, var orderBody)) continue;
                    var task = await SendAsync(ehr, HttpMethod.Post, "/fhir/Task", ReferralFhirApiTests.NewTask(FhirJson.Parse<ServiceRequest>(orderBody).Id, parties.Pantry));
                    if (task is not ({ StatusCode: HttpStatusCode.Created }, var taskBody)) continue;
                    var id = FhirJson.Parse<Hl7.Fhir.Model.Task>(taskBody).Id!;
                    created[id] = false;
                    mine.Enqueue(id);
                }
                else if (n % 4 == 1 && mine.TryPeek(out var id))
                {
                    var read = await cbo.GetAsync($"/fhir/Task/{id}", stop);
                    var received = FhirJson.Parse<Hl7.Fhir.Model.Task>(await read.Content.ReadAsStringAsync(stop));
                    received.Status = Hl7.Fhir.Model.Task.TaskStatus.Accepted;
                    if (await SendAsync(cbo, HttpMethod.Put, $"/fhir/Task/{id}", received, ("If-Match", read.Headers.ETag!.ToString())) is ({ StatusCode: HttpStatusCode.OK }, _))
                    {
                        created[id] = true;
                        mine.Dequeue();
                    }
                }
                else if (n % 4 == 3)
                {
                    var screening = FhirApiTests.Example("HungerVitalSign", parties.Person);
                    var post = await ehr.PostAsync("/fhir/QuestionnaireResponse", new StringContent(screening.ToJsonString(), Encoding.UTF8, "application/fhir+json"), stop);
                    if (post.StatusCode == HttpStatusCode.Created) screenings.Add(post.Headers.Location!.OriginalString.Split('/')[^1]);
                }
                else if (listing is not null)
                {
                    var name = $"Chaos pantry {client}-{n}";
                    var form = JsonNode.Parse(await cbo.GetStringAsync($"/api/listings/{listing.Id}", stop))!["form"]!.AsObject();
                    form["name"] = name;
                    listing.Writes.Enqueue((name, false));
                    var put = await cbo.PutAsync($"/api/listings/{listing.Id}", new StringContent(form.ToJsonString(), Encoding.UTF8, "application/json"), stop);
                    if (put.StatusCode == HttpStatusCode.OK) listing.Writes.Enqueue((name, true));
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The server died mid-call: not acknowledged, so nothing is expected of it.
            }
        }
    }

    /// <summary>What must hold after a restart.</summary>
    private static async Task CheckAsync(WebAppProcess server, string database, string cboToken, ConcurrentDictionary<string, bool> created, List<Listing> listings,
        ConcurrentBag<string> screenings, int round)
    {
        await using var db = DatabaseOptions.CreateContext(database);
        var recorded = await db.Screenings.AsNoTracking().Where(s => s.CommunityId == "demo").Select(s => s.Id).ToListAsync();
        Assert.All(screenings, s => Assert.True(recorded.Contains(s), $"round {round}: acknowledged screening {s} is missing"));
        var rows = await db.Referrals.AsNoTracking().Where(r => r.CommunityId == "demo").ToDictionaryAsync(r => r.Id);
        foreach (var (task, accepted) in created)
        {
            Assert.True(rows.TryGetValue(task, out var row), $"round {round}: acknowledged referral {task} is missing");
            if (accepted) Assert.True(row.Status == ReferralStatus.Accepted.Code(), $"round {round}: referral {task} was acknowledged accepted but is {row.Status}");
        }

        var folded = await new Data.Referrals.ReferralStore(db).LoadAsync(new CommunityId("demo"), rows.Keys);
        Assert.Equal(rows.Count, folded.Count);
        foreach (var referral in folded)
            Assert.True((rows[referral.Id.Value].Status, rows[referral.Id.Value].Version) == (referral.Status.Code(), referral.Version), $"round {round}: referral {referral.Id.Value} is not the fold of its events");

        // A notice exists only of a change that committed (its referral at or past the version it tells of), and once: its id is its dedupe key.
        foreach (var id in await db.Outbox.AsNoTracking().Where(m => m.Id.StartsWith("referral:")).Select(m => m.Id).ToListAsync())
        {
            var parts = id.Split(':');
            Assert.True(rows.TryGetValue(parts[1], out var row) && row.Version >= int.Parse(parts[2], CultureInfo.InvariantCulture), $"round {round}: notice {id} of a change that did not commit");
        }

        var audit = await new AuditLog(db, TimeProvider.System).VerifyAsync();
        Assert.True(audit.Intact, $"round {round}: {audit.Problem}");

        using var cbo = Client(server.Url, cboToken);
        foreach (var listing in listings)
        {
            var writes = listing.Writes.ToList();
            var name = JsonNode.Parse(await cbo.GetStringAsync($"/api/listings/{listing.Id}"))!["form"]!["name"]!.GetValue<string>();
            var lastAcknowledged = writes.FindLastIndex(w => w.Acknowledged);
            if (lastAcknowledged < 0) continue;
            // The last acknowledged name, or one sent after it whose answer the kill cut off.
            Assert.Contains(name, writes.Skip(writes.FindIndex(w => w.Name == writes[lastAcknowledged].Name)).Select(w => w.Name));
        }
    }

    private static async Task<(string Clinic, string Pantry, string EhrToken, string CboToken, string Person)> PartiesAsync(WebAppProcess server, string database)
    {
        string clinic, pantry, person;
        await using (var db = DatabaseOptions.CreateContext(database))
        {
            clinic = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
            pantry = await db.Memberships.Where(m => m.Role == Roles.CboStaff).Select(m => m.OrganizationId).SingleAsync();
            person = await db.People.Where(p => p.RegisteredBy == clinic && p.MergedInto == null).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }

        return (clinic, pantry, await TokenAsync(server, database, clinic, [Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite, Scopes.ScreeningWrite]),
            await TokenAsync(server, database, pantry, [Scopes.ReferralRead, Scopes.ReferralWrite, Scopes.DirectoryRead, Scopes.DirectoryWrite]), person);
    }

    private static async Task<List<string>> ListingsAsync(string database, string organization)
    {
        await using var db = DatabaseOptions.CreateContext(database);
        var reader = new HsdsReader(db);
        var services = await reader.WhereInAsync("demo", HsdsModel.Table<Service>(), "organization_id", [organization]);
        return [.. (await reader.WhereInAsync("demo", HsdsModel.Table<ServiceAtLocation>(), "service_id", [.. services.Select(s => s.Id)])).Select(l => l.Id).Order(StringComparer.Ordinal)];
    }

    private static async Task<string> TokenAsync(WebAppProcess server, string database, string organization, string[] scopes)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        return await ApiTokens.IssueAsync(database, http, organization, scopes);
    }

    private static HttpClient Client(string url, string token) =>
        new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    private static async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpClient http, HttpMethod method, string url, Resource body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(FhirJson.Serialize(body), Encoding.UTF8, "application/fhir+json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        var response = await http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

}
