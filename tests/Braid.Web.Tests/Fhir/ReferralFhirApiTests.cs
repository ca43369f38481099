using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Data;
using Braid.Interop.Fhir;
using Braid.Testing;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = Hl7.Fhir.Model.Task;

namespace Braid.Web.Tests.Fhir;

/// <summary>
/// The Gravity referral exchange between two API clients over HTTP: an EHR orders and sends, a
/// CBO polls, accepts and completes with the Procedure; stale versions, illegal transitions and
/// orphan Tasks are refused naming the rule. Every resource Braid sends is valid R4.
/// </summary>
public sealed class ReferralFhirApiTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private const string Procedure = "Procedure/SDOHCC-ProcedureFoodPantryApplicationAssistanceExample";

    [Theory, MemberData(nameof(Providers))]
    public async System.Threading.Tasks.Task The_direct_flow_between_an_EHR_and_a_CBO_closes_the_loop(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        var (person, need, clinic, pantry) = await DemoReferrals.ReferrableAsync(app.ConnectionString);
        var ehr = await ClientAsync(app, clinic, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite);
        var cbo = await ClientAsync(app, pantry);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var poll = $"/fhir/Task?owner=Organization/{pantry}&_lastUpdated=gt{start:yyyy-MM-ddTHH:mm:ss.fffZ}";
        Assert.Empty((await SendAsync<Bundle>(cbo, HttpMethod.Get, poll, HttpStatusCode.OK)).Resource.Entry);

        // The EHR orders: a ServiceRequest, kept as a draft nobody else sees, once however often it is retried.
        var order = Order(person, need, clinic, pantry);
        var (created, createdTag) = await SendAsync<ServiceRequest>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Created, order, ("Idempotency-Key", "order-1"));
        var (retried, _) = await SendAsync<ServiceRequest>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.OK, order, ("Idempotency-Key", "order-1"));
        Assert.Equal(created.Id, retried.Id);
        Assert.Equal("W/\"1\"", createdTag);
        Assert.Equal(RequestStatus.Active, created.Status);
        Assert.Equal("467771000124109", created.Code!.Coding[0].Code);
        await SendAsync<OperationOutcome>(cbo, HttpMethod.Get, $"/fhir/ServiceRequest/{created.Id}", HttpStatusCode.Forbidden);
        await SendAsync<OperationOutcome>(ehr, HttpMethod.Get, $"/fhir/Task/{created.Id}", HttpStatusCode.NotFound);

        // A Task sends it; only one Task per order, and only for an order that exists.
        var (task, taskTag) = await SendAsync<Task>(ehr, HttpMethod.Post, "/fhir/Task", HttpStatusCode.Created, NewTask(created.Id, pantry));
        Assert.Equal((Task.TaskStatus.Requested, "W/\"2\""), (task.Status, taskTag));
        Assert.Contains("Task.focus", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Post, "/fhir/Task", HttpStatusCode.UnprocessableEntity, NewTask("no-such-order", pantry))));
        Assert.Contains("already has its Task", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Post, "/fhir/Task", HttpStatusCode.Conflict, NewTask(created.Id, pantry))));

        // The CBO finds it by polling, reads the order and accepts.
        var polled = (await SendAsync<Bundle>(cbo, HttpMethod.Get, poll, HttpStatusCode.OK)).Resource;
        var received = Assert.IsType<Task>(Assert.Single(polled.Entry).Resource);
        Assert.Equal((task.Id, $"Patient/{person}", $"ServiceRequest/{created.Id}"), (received.Id, received.For?.Reference, received.Focus?.Reference));
        Assert.Equal(created.Code!.Coding[0].Code, (await SendAsync<ServiceRequest>(cbo, HttpMethod.Get, $"/fhir/ServiceRequest/{created.Id}", HttpStatusCode.OK)).Resource.Code?.Coding[0].Code);
        received.Status = Task.TaskStatus.Accepted;
        var (accepted, acceptedTag) = await SendAsync<Task>(cbo, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, received, ("If-Match", taskTag!));
        Assert.Equal((Task.TaskStatus.Accepted, "W/\"3\""), (accepted.Status, acceptedTag));

        // The EHR, holding the Task it read before, cannot overwrite the acceptance; nor may it accept for the CBO.
        task.Status = Task.TaskStatus.Cancelled;
        task.StatusReason = new CodeableConcept { Text = "Changed our mind" };
        Assert.Contains("version 3", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.PreconditionFailed, task, ("If-Match", taskTag!))));
        accepted.Status = Task.TaskStatus.InProgress;
        Assert.Contains("Only the organization the referral was sent to", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.UnprocessableEntity, accepted)));

        // The CBO completes it: with the Procedure it delivered, and not without.
        accepted.Status = Task.TaskStatus.Completed;
        Assert.Contains("Task.output", Diagnostics(await SendAsync<OperationOutcome>(cbo, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.UnprocessableEntity, accepted, ("If-Match", acceptedTag!))));
        accepted.Output.Add(new Task.OutputComponent
        {
            Type = new CodeableConcept(FhirCodes.SdohCategory, "resulting-activity"), Value = new ResourceReference(Procedure, "Assistance with application for food pantry program"),
        });
        var (completed, _) = await SendAsync<Task>(cbo, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, accepted, ("If-Match", acceptedTag!));

        // The EHR sees the loop closed, by reading and by polling, and the order with it.
        var (closed, closedTag) = await SendAsync<Task>(ehr, HttpMethod.Get, $"/fhir/Task/{task.Id}", HttpStatusCode.OK);
        Assert.Equal((Task.TaskStatus.Completed, "W/\"4\""), (closed.Status, closedTag));
        Assert.Equal(Procedure, ((ResourceReference)Assert.Single(closed.Output).Value!).Reference);
        var changed = (await SendAsync<Bundle>(ehr, HttpMethod.Get, $"/fhir/Task?requester=Organization/{clinic}&status=completed&_lastUpdated=gt{start:yyyy-MM-ddTHH:mm:ss.fffZ}", HttpStatusCode.OK)).Resource;
        Assert.Equal(task.Id, Assert.Single(changed.Entry).Resource?.Id);
        Assert.Equal(RequestStatus.Completed, (await SendAsync<ServiceRequest>(ehr, HttpMethod.Get, $"/fhir/ServiceRequest/{created.Id}", HttpStatusCode.OK)).Resource.Status);
        Assert.Equal(completed.Meta?.VersionId, closed.Meta?.VersionId);

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        Assert.Equal(["sent", "status-changed", "status-changed", "completed"], await db.ReferralEvents.Where(e => e.ReferralId == task.Id).OrderBy(e => e.Version).Select(e => e.Type).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async System.Threading.Tasks.Task In_the_indirect_flow_a_coordinating_organization_passes_the_referral_on_as_a_filler_order_whose_Task_is_part_of_the_requesters(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        var (person, need, clinic, pantry) = await DemoReferrals.ReferrableAsync(app.ConnectionString);
        string hub;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            hub = await db.Memberships.Select(m => m.OrganizationId).Where(o => o != clinic && o != pantry).FirstAsync();
            var consent = await db.Consents.Where(c => c.PersonId == person && c.GranteeValue == pantry).SingleAsync();
            db.Consents.Add(new Data.People.ConsentRow
            {
                CommunityId = consent.CommunityId, Id = Guid.NewGuid().ToString(), PersonId = person, GranteeKind = consent.GranteeKind, GranteeValue = hub, Categories = consent.Categories,
                Purposes = consent.Purposes, StartAt = consent.StartAt, Method = consent.Method, Language = consent.Language, RecordedBy = "test", RecordedAt = consent.RecordedAt,
            });
            await db.SaveChangesAsync();
        }

        var ehr = await ClientAsync(app, clinic, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite);
        var coordinator = await ClientAsync(app, hub, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite);
        var cbo = await ClientAsync(app, pantry);

        // The EHR sends to the coordinating organization, which accepts.
        var (order, _) = await SendAsync<ServiceRequest>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Created, Order(person, need, clinic, hub));
        var (task, _) = await SendAsync<Task>(ehr, HttpMethod.Post, "/fhir/Task", HttpStatusCode.Created, NewTask(order.Id, hub));
        task.Status = Task.TaskStatus.Accepted;
        (task, var tag) = await SendAsync<Task>(coordinator, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, task);

        // It passes the order on to the pantry: a filler order based on the EHR's, its Task part of the EHR's Task.
        var filler = Order(person, need, hub, pantry);
        filler.Intent = RequestIntent.FillerOrder;
        filler.BasedOn = [new ResourceReference("ServiceRequest/" + order.Id)];
        var (passed, _) = await SendAsync<ServiceRequest>(coordinator, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Created, filler);
        Assert.Equal(($"ServiceRequest/{order.Id}", RequestIntent.FillerOrder), (Assert.Single(passed.BasedOn).Reference, passed.Intent));
        var orphan = NewTask(passed.Id, pantry);
        Assert.Contains("Task.partOf", Diagnostics(await SendAsync<OperationOutcome>(coordinator, HttpMethod.Post, "/fhir/Task", HttpStatusCode.UnprocessableEntity, orphan)));
        orphan.PartOf = [new ResourceReference("Task/" + task.Id)];
        var (subtask, _) = await SendAsync<Task>(coordinator, HttpMethod.Post, "/fhir/Task", HttpStatusCode.Created, orphan);
        Assert.Equal($"Task/{task.Id}", Assert.Single(subtask.PartOf).Reference);

        // The pantry's new work is only its own Task (its past ones are closed); it accepts and completes it; the coordinator closes the EHR's with the same Procedure.
        var inbox = (await SendAsync<Bundle>(cbo, HttpMethod.Get, $"/fhir/Task?owner=Organization/{pantry}&status=requested", HttpStatusCode.OK)).Resource;
        Assert.Equal(subtask.Id, Assert.Single(inbox.Entry).Resource?.Id);
        await SendAsync<OperationOutcome>(cbo, HttpMethod.Get, $"/fhir/Task/{task.Id}", HttpStatusCode.Forbidden);
        subtask.Status = Task.TaskStatus.Accepted;
        (subtask, _) = await SendAsync<Task>(cbo, HttpMethod.Put, $"/fhir/Task/{subtask.Id}", HttpStatusCode.OK, subtask);
        subtask.Status = Task.TaskStatus.Completed;
        subtask.Output.Add(new Task.OutputComponent { Type = new CodeableConcept(FhirCodes.SdohCategory, "resulting-activity"), Value = new ResourceReference(Procedure) });
        (subtask, _) = await SendAsync<Task>(cbo, HttpMethod.Put, $"/fhir/Task/{subtask.Id}", HttpStatusCode.OK, subtask);
        task.Status = Task.TaskStatus.Completed;
        task.Output = [.. subtask.Output];
        await SendAsync<Task>(coordinator, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, task, ("If-Match", tag!));
        var closed = (await SendAsync<Task>(ehr, HttpMethod.Get, $"/fhir/Task/{task.Id}", HttpStatusCode.OK)).Resource;
        Assert.Equal((Task.TaskStatus.Completed, Procedure), (closed.Status, ((ResourceReference)Assert.Single(closed.Output).Value!).Reference));
    }

    [Theory, MemberData(nameof(Providers))]
    public async System.Threading.Tasks.Task A_subscriber_is_notified_of_each_change_to_its_Tasks_and_the_person_hears_in_their_language_by_their_channel(string provider)
    {
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(provider), settings: new Dictionary<string, string> { ["Braid:OutboxPollSeconds"] = "0.2" });
        _ = app.CreateClient();
        var (person, need, clinic, pantry) = await DemoReferrals.ReferrableAsync(app.ConnectionString);
        await DemoReferrals.ReachableAsync(app.ConnectionString, person, ContactChannel.Email, "es");
        var ehr = await ClientAsync(app, clinic, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite);
        var cbo = await ClientAsync(app, pantry);
        using var hook = new Hook();

        var subscription = new Subscription
        {
            Status = Subscription.SubscriptionStatus.Requested, Reason = "Our inbox", Criteria = FhirCodes.ReferralTaskTopic,
            Channel = new Subscription.ChannelComponent { Type = Subscription.SubscriptionChannelType.RestHook, Endpoint = hook.Url, Payload = "application/fhir+json" },
        };
        subscription.CriteriaElement.Extension.Add(new Extension(FhirCodes.Backport + "backport-filter-criteria", new FhirString($"Task?owner=Organization/{clinic}")));
        Assert.Contains("your organization", Diagnostics(await SendAsync<OperationOutcome>(cbo, HttpMethod.Post, "/fhir/Subscription", HttpStatusCode.UnprocessableEntity, subscription)));
        subscription.CriteriaElement.Extension[0].Value = new FhirString($"Task?owner=Organization/{pantry}");
        var (subscribed, _) = await SendAsync<Subscription>(cbo, HttpMethod.Post, "/fhir/Subscription", HttpStatusCode.Created, subscription);
        Assert.Equal(Subscription.SubscriptionStatus.Active, subscribed.Status);
        await SendAsync<OperationOutcome>(ehr, HttpMethod.Get, $"/fhir/Subscription/{subscribed.Id}", HttpStatusCode.NotFound);

        // Sent, then accepted: two notifications, numbered, each naming the Task and nothing in it.
        var (order, _) = await SendAsync<ServiceRequest>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Created, Order(person, need, clinic, pantry));
        var (task, tag) = await SendAsync<Task>(ehr, HttpMethod.Post, "/fhir/Task", HttpStatusCode.Created, NewTask(order.Id, pantry));
        task.Status = Task.TaskStatus.Accepted;
        await SendAsync<Task>(cbo, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, task, ("If-Match", tag!));
        var notifications = new[] { await hook.NextAsync(), await hook.NextAsync() }.OrderBy(n => Part(n, "event-number")).ToList();
        Assert.Equal(["1", "2"], notifications.Select(n => Part(n, "event-number")));
        Assert.All(notifications, n => Assert.Equal((Bundle.BundleType.History, $"Task/{task.Id}", $"Subscription/{subscribed.Id}"),
            (n.Type, Part(n, "focus"), ((ResourceReference)((Parameters)n.Entry[0].Resource!).GetSingle("subscription")!.Value!).Reference)));
        // The backport IG's R4 notification is a history Bundle whose status entry is a GET with its resource; the
        // validator's bdl-3b (from a later FHIR version) wants no resource on a GET, so that one constraint is set aside.
        Assert.All(notifications, n => Assert.DoesNotContain(FhirValidation.Errors(n), e => !e.Contains("bdl-3b", StringComparison.Ordinal)));
        Assert.All(hook.Bodies, b => Assert.DoesNotContain(person, b));

        // The person prefers email, in Spanish: told of the referral and of its acceptance, once each.
        var outbox = app.Services.GetRequiredService<Web.Access.OutboxEmailSender>();
        var emails = await OutboxAsync(outbox, m => m.Contains("To: persona@example.org", StringComparison.Ordinal), 2);
        Assert.Contains(emails, m => m.Contains("Subject: Le refirieron a Assistance with application for food pantry program", StringComparison.Ordinal));
        Assert.Contains(emails, m => m.Contains("aceptó su referido", StringComparison.Ordinal));

        // Preferring texts, they are told only that there is news: no service, no need.
        await DemoReferrals.ReachableAsync(app.ConnectionString, person, ContactChannel.Text, "en");
        task.Status = Task.TaskStatus.Completed;
        task.Output.Add(new Task.OutputComponent { Type = new CodeableConcept(FhirCodes.SdohCategory, "resulting-activity"), Value = new ResourceReference(Procedure) });
        await SendAsync<Task>(cbo, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, task);
        // Closing it also asks, by a second text with a link, what they thought of the help.
        var texts = await OutboxAsync(outbox, m => m.Contains("\nSMS\n", StringComparison.Ordinal), 2);
        Assert.Equal(2, texts.Count);
        Assert.Contains(texts, t => t.Contains("there is news", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("how was the help you got? Tell us: http", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("food", t, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("3", Part(await hook.NextAsync(), "event-number"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async System.Threading.Tasks.Task Orders_without_consent_for_a_need_that_is_not_the_persons_or_by_a_client_without_the_scope_are_refused_with_nothing_stored(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        var (person, need, clinic, pantry) = await DemoReferrals.ReferrableAsync(app.ConnectionString);
        var ehr = await ClientAsync(app, clinic, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite);
        int Stored()
        {
            using var db = DatabaseOptions.CreateContext(app.ConnectionString);
            return db.Referrals.Count(r => r.PersonId == person);
        }

        var before = Stored();
        var reader = await ClientAsync(app, clinic, Scopes.ReferralRead);
        var order = Order(person, need, clinic, pantry);

        Assert.Contains("referral.write", Diagnostics(await SendAsync<OperationOutcome>(reader, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Forbidden, order)));
        var wrongNeed = Order(person, need, clinic, pantry);
        wrongNeed.ReasonReference[0].Reference = "Condition/not-a-need";
        Assert.Contains("need", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.BadRequest, wrongNeed)));
        var noPerformer = Order(person, need, clinic, pantry);
        noPerformer.Performer.Clear();
        Assert.Contains("ServiceRequest.performer", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.BadRequest, noPerformer)));
        var otherRequester = Order(person, need, clinic, pantry);
        otherRequester.Requester = new ResourceReference("Organization/" + pantry);
        Assert.Contains("ServiceRequest.requester", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Forbidden, otherRequester)));
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            db.Consents.RemoveRange(db.Consents.Where(c => c.PersonId == person));
            await db.SaveChangesAsync();
        }

        Assert.Contains("consent", Diagnostics(await SendAsync<OperationOutcome>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.UnprocessableEntity, order)));
        Assert.Equal(before, Stored());
    }

    private static string? Part(Bundle notification, string name) =>
        ((Parameters)notification.Entry[0].Resource!).Parameter.Single(p => p.Name == "notification-event").Part.Single(p => p.Name == name).Value switch
        {
            ResourceReference r => r.Reference,
            var v => v?.ToString(),
        };

    /// <summary>The outbox's messages that match, once there are as many as expected (the dispatcher sends within a poll or two).</summary>
    private static async Task<List<string>> OutboxAsync(Web.Access.OutboxEmailSender outbox, Func<string, bool> match, int count)
    {
        for (var i = 0; i < 150; i++)
        {
            var found = outbox.Messages().Select(m => m.Text).Where(match).ToList();
            if (found.Count >= count) return found;
            await System.Threading.Tasks.Task.Delay(100);
        }

        return outbox.Messages().Select(m => m.Text).Where(match).ToList();
    }

    /// <summary>A subscriber's rest-hook endpoint on this machine: it keeps what it is sent.</summary>
    private sealed class Hook : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly System.Threading.Channels.Channel<string> _received = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public Hook()
        {
            Url = $"http://127.0.0.1:{FreePort()}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = System.Threading.Tasks.Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    using (var reader = new StreamReader(context.Request.InputStream)) await _received.Writer.WriteAsync(await reader.ReadToEndAsync());
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public List<string> Bodies { get; } = [];

        public async Task<Bundle> NextAsync()
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var body = await _received.Reader.ReadAsync(wait.Token);
            Bodies.Add(body);
            return FhirJson.Parse<Bundle>(body);
        }

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }

    private static async Task<HttpClient> ClientAsync(BraidApp app, string organization, params string[] scopes)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var token = await ApiTokens.IssueAsync(app, http, organization, scopes.Length > 0 ? scopes : [Scopes.ReferralRead, Scopes.ReferralWrite]);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The IG's food pantry order, for this person's need, from the clinic to the pantry.</summary>
    internal static ServiceRequest Order(string person, string need, string clinic, string pantry)
    {
        var order = FhirJson.Parse<ServiceRequest>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-sdoh", "examples", "ServiceRequest-SDOHCC-ServiceRequestActiveFoodPantryApplicationAssistExample.json")));
        order.Id = null;
        order.Subject = new ResourceReference("Patient/" + person);
        order.ReasonReference = [new ResourceReference("Condition/" + need)];
        order.Requester = new ResourceReference("Organization/" + clinic);
        order.Performer = [new ResourceReference("Organization/" + pantry)];
        return order;
    }

    internal static Task NewTask(string? order, string pantry) => new()
    {
        Status = Task.TaskStatus.Requested, Intent = Task.TaskIntent.Order, Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill"),
        Focus = new ResourceReference("ServiceRequest/" + order), Owner = new ResourceReference("Organization/" + pantry),
    };

    private static string Diagnostics((OperationOutcome Resource, string? ETag) answer) => string.Join(" ", answer.Resource.Issue.Select(i => i.Diagnostics));

    /// <summary>Sends a request, checks the status and that the answer is valid FHIR R4, and gives it back with its ETag.</summary>
    internal static async Task<(T Resource, string? ETag)> SendAsync<T>(HttpClient http, HttpMethod method, string url, HttpStatusCode expected, Resource? body = null,
        params (string Name, string Value)[] headers) where T : Resource
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(FhirJson.Serialize(body), Encoding.UTF8, "application/fhir+json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var resource = Assert.IsType<T>(FhirJson.Parse<Resource>(text));
        var errors = FhirValidation.Errors(resource);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return (resource, response.Headers.ETag?.ToString());
    }
}
