using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Directory;
using Braid.Core.People;
using Braid.Data;
using Braid.Data.People;
using Braid.Data.Region;
using Braid.Interop.Fhir;
using Braid.Testing;
using Braid.Web.Tests.Fhir;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace Braid.Web.Tests.Hardening;

/// <summary>
/// Mixed work from many clients against the real server over loopback, as a busy exchange sees it:
/// directory searches (70 %), referral transitions over FHIR (20 %: sent, accepted, in progress,
/// completed) and screenings (10 %), with bearer tokens renewed as they age. Every answer must be a
/// success, and a guesser of client secrets is meanwhile stopped with 429 and Retry-After. Latency
/// percentiles and the server's resident memory are written out per window for
/// <c>bench/run-load</c> to commit; no timing is asserted here. <c>BRAID_LOAD_SECONDS</c>,
/// <c>BRAID_LOAD_CLIENTS</c>, <c>BRAID_LOAD_WINDOW_SECONDS</c> and <c>BRAID_LOAD_WARMUP_SECONDS</c>
/// set the size (the suite: 20 s of 16 clients; the script: 10 minutes of 64).
/// </summary>
public sealed class LoadTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private const string Search = "search", Transition = "referral transition", Screening = "screening";
    private const string Procedure = "Procedure/SDOHCC-ProcedureFoodPantryApplicationAssistanceExample";

    private sealed record Sample(string Kind, TimeSpan At, double Milliseconds);

    private sealed record Parties(string Clinic, string Pantry, Bearer Ehr, Bearer Cbo, IReadOnlyList<string> People);

    [Theory, MemberData(nameof(Providers))]
    public async Task Mixed_work_from_many_clients_is_answered_without_an_error_while_the_rate_limit_holds(string provider)
    {
        var duration = TimeSpan.FromSeconds(TestSize.FromEnvironment("BRAID_LOAD_SECONDS", 20));
        var clientCount = TestSize.FromEnvironment("BRAID_LOAD_CLIENTS", 16);
        var window = TimeSpan.FromSeconds(TestSize.FromEnvironment("BRAID_LOAD_WINDOW_SECONDS", 5));
        var warmUp = TimeSpan.FromSeconds(TestSize.FromEnvironment("BRAID_LOAD_WARMUP_SECONDS", 5));
        // Pooled connections, as a deployment's default SQLite connection string has (the tests' own are unpooled).
        var database = (await TestDatabases.CreateEmptyAsync(provider)).Replace("Pooling=False", "Pooling=True", StringComparison.Ordinal);
        await using var server = await WebAppProcess.StartAsync(["--ConnectionStrings:Braid=" + database, "--environment=Production",
            "--Braid:DemoServices=" + TestSize.FromEnvironment("BRAID_LOAD_SERVICES", 200), "--Braid:DemoPeople=" + TestSize.FromEnvironment("BRAID_LOAD_PEOPLE", 200)], TimeSpan.FromMinutes(5));
        using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        var parties = await PartiesAsync(database, http);
        // Enough new needs that no client runs out: a referral is sent at most every fourth transition.
        var needs = await NeedsAsync(database, parties, clientCount, perClient: (int)(duration + warmUp).TotalSeconds / 2 + 20);
        var searches = Searches(500);

        var samples = new ConcurrentQueue<Sample>();
        var errors = new ConcurrentQueue<string>();
        var memory = new List<double>();
        var clock = Stopwatch.StartNew();
        var end = warmUp + duration;
        var work = Enumerable.Range(0, clientCount).Select(c => Task.Run(async () =>
        {
            var random = new Random(2026 + c);
            (Hl7.Fhir.Model.Task Task, string ETag)? open = null;
            while (clock.Elapsed < end)
            {
                var roll = random.NextDouble();
                var kind = roll < 0.7 ? Search : roll < 0.9 ? Transition : Screening;
                var started = clock.Elapsed;
                try
                {
                    switch (kind)
                    {
                        case Search:
                            await ExpectAsync(http, HttpMethod.Get, searches[random.Next(searches.Count)], await parties.Ehr.GetAsync(), null, HttpStatusCode.OK);
                            break;
                        case Transition:
                            open = await TransitionAsync(http, parties, open, needs[c]);
                            break;
                        default:
                            var response = FhirApiTests.Example("HungerVitalSign", parties.People[random.Next(parties.People.Count)]);
                            await ExpectAsync(http, HttpMethod.Post, "/fhir/QuestionnaireResponse", await parties.Ehr.GetAsync(), response.ToJsonString(), HttpStatusCode.Created);
                            break;
                    }

                    if (started >= warmUp) samples.Enqueue(new Sample(kind, started - warmUp, (clock.Elapsed - started).TotalMilliseconds));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    errors.Enqueue($"{kind}: {e.Message}");
                    open = null;
                }
            }
        })).ToList();

        // The server's resident memory at the end of each window; and, halfway, someone guessing a client's secret.
        var guesses = Task.Run(async () =>
        {
            await Task.Delay(warmUp + duration / 2);
            return await GuessSecretsAsync(http, database, parties.Pantry);
        });
        for (var next = warmUp + window; next <= end; next += window)
        {
            if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed);
            memory.Add(server.Memory().RssMiB);
        }

        await Task.WhenAll(work);
        var (attempts, retryAfter) = await guesses;

        var output = TestContext.Current.TestOutputHelper;
        var all = samples.ToList();
        output?.WriteLine(Report(provider, all, memory, window, duration, clientCount, errors.Count, attempts, retryAfter));
        Assert.True(errors.IsEmpty, $"{errors.Count} errors, the first: {string.Join("\n", errors.Take(5))}");
        Assert.All(new[] { Search, Transition, Screening }, k => Assert.Contains(all, s => s.Kind == k));
        Assert.True(retryAfter is >= 1 and <= 60, $"after {attempts} guesses: no 429 with a Retry-After of 1 to 60 seconds ({retryAfter})");
    }

    /// <summary>The client's referral one step on: sent by the clinic (order and Task), then accepted, started and completed by the pantry.</summary>
    private static async Task<(Hl7.Fhir.Model.Task, string)?> TransitionAsync(HttpClient http, Parties parties, (Hl7.Fhir.Model.Task Task, string ETag)? open, ConcurrentQueue<(string Person, string Need)> needs)
    {
        if (open is not { } current)
        {
            if (!needs.TryDequeue(out var need)) throw new InvalidOperationException("the client ran out of needs to refer");
            var ehr = await parties.Ehr.GetAsync();
            var (order, _) = await ExpectAsync(http, HttpMethod.Post, "/fhir/ServiceRequest", ehr, FhirJson.Serialize(ReferralFhirApiTests.Order(need.Person, need.Need, parties.Clinic, parties.Pantry)), HttpStatusCode.Created);
            var (task, tag) = await ExpectAsync(http, HttpMethod.Post, "/fhir/Task", ehr, FhirJson.Serialize(ReferralFhirApiTests.NewTask(FhirJson.Parse<ServiceRequest>(order).Id, parties.Pantry)), HttpStatusCode.Created);
            return (FhirJson.Parse<Hl7.Fhir.Model.Task>(task), tag!);
        }

        var next = current.Task;
        next.Status = next.Status switch
        {
            Hl7.Fhir.Model.Task.TaskStatus.Requested => Hl7.Fhir.Model.Task.TaskStatus.Accepted,
            Hl7.Fhir.Model.Task.TaskStatus.Accepted => Hl7.Fhir.Model.Task.TaskStatus.InProgress,
            _ => Hl7.Fhir.Model.Task.TaskStatus.Completed,
        };
        if (next.Status == Hl7.Fhir.Model.Task.TaskStatus.Completed)
            next.Output.Add(new Hl7.Fhir.Model.Task.OutputComponent { Type = new CodeableConcept(FhirCodes.SdohCategory, "resulting-activity"), Value = new ResourceReference(Procedure) });
        var (body, etag) = await ExpectAsync(http, HttpMethod.Put, $"/fhir/Task/{next.Id}", await parties.Cbo.GetAsync(), FhirJson.Serialize(next), HttpStatusCode.OK, ("If-Match", current.ETag));
        return next.Status == Hl7.Fhir.Model.Task.TaskStatus.Completed ? null : (FhirJson.Parse<Hl7.Fhir.Model.Task>(body), etag!);
    }

    /// <summary>Posts wrong secrets for a real client until the rate limit answers: how many were tried, and the Retry-After it gave.</summary>
    private static async Task<(int Attempts, double? RetryAfter)> GuessSecretsAsync(HttpClient http, string database, string organization)
    {
        var (clientId, _) = await ApiTokens.RegisterAsync(database, organization, Scopes.ReferralRead);
        // Up to two windows' worth: the guesses may straddle the end of one.
        for (var attempt = 1; attempt <= 41; attempt++)
        {
            using var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "guess-" + attempt,
            }));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return (attempt, response.Headers.RetryAfter?.Delta?.TotalSeconds);
        }

        return (41, null);
    }

    private static async Task<(string Body, string? ETag)> ExpectAsync(HttpClient http, HttpMethod method, string url, string token, string? body, HttpStatusCode expected,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw new HttpRequestException($"{method} {url}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        return (text, response.Headers.ETag?.ToString());
    }

    /// <summary>The demo clinic (an EHR client that searches, refers and screens) and pantry (a CBO client that works referrals), and the clinic's people.</summary>
    private static async Task<Parties> PartiesAsync(string database, HttpClient http)
    {
        await using var db = DatabaseOptions.CreateContext(database);
        var clinic = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
        var pantry = await db.Memberships.Where(m => m.Role == Roles.CboStaff).Select(m => m.OrganizationId).SingleAsync();
        var people = await db.People.Where(p => p.RegisteredBy == clinic && p.MergedInto == null).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var ehr = await ApiTokens.RegisterAsync(database, clinic, Scopes.DirectoryRead, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite, Scopes.ScreeningWrite);
        var cbo = await ApiTokens.RegisterAsync(database, pantry, Scopes.ReferralRead, Scopes.ReferralWrite);
        return new Parties(clinic, pantry, new Bearer(http, ehr.ClientId, ehr.Secret), new Bearer(http, cbo.ClientId, cbo.Secret), people);
    }

    /// <summary>New food needs of the clinic's people, spread over them, each person having consented to share that need with the pantry: a queue per client.</summary>
    private static async Task<List<ConcurrentQueue<(string Person, string Need)>>> NeedsAsync(string database, Parties parties, int clients, int perClient)
    {
        await using var db = DatabaseOptions.CreateContext(database);
        var store = new PeopleStore(db);
        var community = new CommunityId("demo");
        var now = DateTimeOffset.UtcNow;
        foreach (var person in parties.People)
            await store.AddConsentAsync(community, new PersonConsent
            {
                Id = new ConsentId(Guid.NewGuid().ToString()), Person = new PersonId(person), Grantee = Grantee.Organization(new OrganizationId(parties.Pantry)),
                Categories = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity },
                Purposes = new HashSet<Purpose> { Purpose.CareCoordination }, Start = now.AddDays(-1), Method = ConsentMethod.InPerson, Language = "en", RecordedBy = "load test",
            }, now);

        var queues = Enumerable.Range(0, clients).Select(_ => new ConcurrentQueue<(string, string)>()).ToList();
        var needs = new List<Need>();
        for (var i = 0; i < clients * perClient; i++)
        {
            var need = new Need { Id = Guid.NewGuid().ToString(), Person = new PersonId(parties.People[i % parties.People.Count]), Category = "food-insecurity", RecordedAt = now }.Accept();
            needs.Add(need);
            queues[i % clients].Enqueue((need.Person.Value, need.Id));
        }

        await store.SaveNeedsAsync(community, needs);
        return queues;
    }

    /// <summary>A seeded mix of navigator searches: a need near a ZIP, narrowed by language or open now, words near a ZIP, nearest first.</summary>
    private static List<string> Searches(int count)
    {
        var random = new Random(7);
        var zips = RegionData.Baltimore.Zips;
        string[] words = ["food", "pantry", "rent", "legal", "shelter", "counseling", "rides", "diapers"], languages = ["es", "zh", "ko", "fr"];
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var near = $"/api/directory/search?per_page=20&zip={zips[random.Next(zips.Count)].Id}";
            var need = "&need=" + NeedDomains.All[random.Next(NeedDomains.All.Count)].Code;
            return random.NextDouble() switch
            {
                < 0.35 => near + need + "&radius_km=3",
                < 0.50 => near + need + "&radius_km=5&language=" + languages[random.Next(languages.Length)],
                < 0.70 => near + need + "&radius_km=5&open_now=true",
                < 0.85 => near + "&radius_km=5&q=" + words[random.Next(words.Length)],
                _ => near + need,
            };
        })];
    }

    private static string Report(string provider, List<Sample> samples, List<double> memory, TimeSpan window, TimeSpan duration, int clients, int errors, int attempts, double? retryAfter)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"load {provider}: {duration.TotalSeconds:F0} s of {clients} clients, {samples.Count:N0} operations ({samples.Count / duration.TotalSeconds:F0}/s), {errors} errors; "
            + $"the rate limit answered guess {attempts} with 429, Retry-After {retryAfter} s");
        text.AppendLine("| engine | window (s) | operations | search p50 / p99 ms | transition p50 / p99 ms | screening p50 / p99 ms | all p99 ms | server RSS MiB |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        var windows = (int)Math.Ceiling(duration / window);
        var p99 = new List<double>();
        for (var w = 0; w < windows; w++)
        {
            var these = samples.Where(s => s.At >= window * w && s.At < window * (w + 1)).ToList();
            string Of(string kind)
            {
                var ms = these.Where(s => s.Kind == kind).Select(s => s.Milliseconds).Order().ToArray();
                return ms.Length == 0 ? "–" : string.Create(c, $"{Percentile(ms, 0.5):F1} / {Percentile(ms, 0.99):F1}");
            }

            p99.Add(Percentile([.. these.Select(s => s.Milliseconds).Order()], 0.99));
            text.AppendLine(c, $"| {provider} | {(window * w).TotalSeconds:F0}–{(window * (w + 1)).TotalSeconds:F0} | {these.Count:N0} | {Of(Search)} | {Of(Transition)} | {Of(Screening)} | {p99[^1]:F1} | {(w < memory.Count ? memory[w].ToString("F0", c) : "–")} |");
        }

        text.Append(c, $"load {provider} verdict: last window's p99 {p99[^1] / p99[0]:F2}× the first's; server RSS {memory[0]:F0} MiB after the first window, {memory[^1]:F0} MiB after the last ({(memory[^1] / memory[0] - 1) * 100:+0;-0} %)");
        return text.ToString();
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];


    /// <summary>
    /// A client's bearer token, renewed when four fifths of its life have passed, as an integrator's
    /// client does; while the token endpoint says to wait (429), the token still valid is used.
    /// </summary>
    private sealed class Bearer(HttpClient http, string clientId, string secret)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private (string Token, DateTime RenewAt, DateTime ExpiresAt)? _current;

        public async Task<string> GetAsync()
        {
            if (_current is { } held && DateTime.UtcNow < held.RenewAt) return held.Token;
            await _gate.WaitAsync();
            try
            {
                if (_current is { } fresh && DateTime.UtcNow < fresh.RenewAt) return fresh.Token;
                try
                {
                    var (token, lifetime) = await ApiTokens.TokenAsync(http, clientId, secret);
                    _current = (token, DateTime.UtcNow + lifetime * 0.8, DateTime.UtcNow + lifetime);
                }
                catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests && _current is { } old && DateTime.UtcNow < old.ExpiresAt - TimeSpan.FromSeconds(30))
                {
                }

                return _current!.Value.Token;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
