using System.Globalization;
using Braid.Application.Referrals;
using Braid.Core.Referrals;
using Braid.Data.Referrals;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;
using static Braid.Web.Fhir.FhirResults;
using Task = Hl7.Fhir.Model.Task;

namespace Braid.Web.Fhir;

/// <summary>
/// The Gravity SDOH Clinical Care referral exchange: a requester creates a ServiceRequest (the
/// order, kept as a draft referral) and then a Task for it (which sends it); the organization it is
/// sent to updates the Task's status; both poll by <c>_lastUpdated</c>. A ServiceRequest that is a
/// filler order based on another, with its Task part of the other's, passes a referral on (the
/// indirect flow). Every change goes through <see cref="SendReferral"/> or <see cref="WorkReferral"/>;
/// each resource's version is its referral's, given as the ETag and checked against <c>If-Match</c>.
/// </summary>
public static class ReferralFhirApi
{
    private const int MaxCount = 100;

    public static RouteGroupBuilder MapReferralFhirApi(this RouteGroupBuilder fhir)
    {
        var read = fhir.MapGroup("/").RequirePermission(Permission.ReferralRead);
        var write = fhir.MapGroup("/").RequirePermission(Permission.ReferralWrite);
        write.MapPost("/ServiceRequest", CreateServiceRequestAsync).Accepts<FhirResource>(MediaType, "application/json")
            .WithSummary("Orders a referral for one of the person's needs (a draft until its Task is created); an Idempotency-Key header makes a retry harmless.")
            .Produces<FhirResource>(StatusCodes.Status201Created, MediaType).Produces<FhirResource>(StatusCodes.Status422UnprocessableEntity, MediaType);
        write.MapPost("/Task", CreateTaskAsync).Accepts<FhirResource>(MediaType, "application/json")
            .WithSummary("Sends the referral a ServiceRequest ordered: a Task (status requested) whose focus is that ServiceRequest and whose owner is its performer.")
            .Produces<FhirResource>(StatusCodes.Status201Created, MediaType).Produces<FhirResource>(StatusCodes.Status409Conflict, MediaType);
        write.MapPut("/Task/{id}", UpdateTaskAsync).Accepts<FhirResource>(MediaType, "application/json")
            .WithSummary("Moves a referral on (accepted, rejected, in-progress, on-hold, completed with its Procedure, failed, cancelled) as one of its sides may; If-Match names the version read.")
            .Produces<FhirResource>(StatusCodes.Status200OK, MediaType).Produces<FhirResource>(StatusCodes.Status412PreconditionFailed, MediaType);
        read.MapGet("/ServiceRequest", SearchServiceRequestsAsync).WithSummary("Referral orders the caller's organization sent or received (patient, requester, performer, _lastUpdated=gt…).")
            .Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        read.MapGet("/Task", SearchTasksAsync).WithSummary("Referral Tasks the caller's organization sent or received (status, owner, requester, patient, focus, _lastUpdated=gt…).")
            .Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        read.MapGet("/ServiceRequest/{id}", ReadServiceRequestAsync).WithSummary("One referral order.").Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        read.MapGet("/Task/{id}", ReadTaskAsync).WithSummary("One referral Task.").Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        read.MapPost("/Subscription", SubscribeAsync).Accepts<FhirResource>(MediaType, "application/json")
            .WithSummary("Subscribes an endpoint to changes of the organization's referral Tasks (R4 backport, topic-based, rest-hook, id-only notifications).")
            .Produces<FhirResource>(StatusCodes.Status201Created, MediaType);
        read.MapGet("/Subscription/{id}", ReadSubscriptionAsync).WithSummary("One of the organization's subscriptions.").Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        read.MapDelete("/Subscription/{id}", EndSubscriptionAsync).WithSummary("Ends a subscription.").Produces(StatusCodes.Status204NoContent);
        return fhir;
    }

    /// <summary>What the CapabilityStatement says of ServiceRequest and Task.</summary>
    public static IEnumerable<CapabilityStatement.ResourceComponent> Capabilities()
    {
        List<CapabilityStatement.ResourceInteractionComponent> Interactions(params CapabilityStatement.TypeRestfulInteraction[] codes) => [.. codes.Select(c => new CapabilityStatement.ResourceInteractionComponent { Code = c })];
        List<CapabilityStatement.SearchParamComponent> Params(params (string Name, SearchParamType Type)[] all) => [.. all.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type })];
        yield return new CapabilityStatement.ResourceComponent
        {
            Type = "Subscription",
            Interaction = Interactions(CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Delete),
        };
        yield return new CapabilityStatement.ResourceComponent
        {
            Type = "ServiceRequest", Profile = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest",
            Interaction = Interactions(CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create),
            Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            SearchParam = Params(("patient", SearchParamType.Reference), ("requester", SearchParamType.Reference), ("performer", SearchParamType.Reference), ("_lastUpdated", SearchParamType.Date)),
        };
        yield return new CapabilityStatement.ResourceComponent
        {
            Type = "Task", Profile = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement",
            Interaction = Interactions(CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType,
                CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Update),
            Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned, UpdateCreate = false,
            SearchParam = Params(("status", SearchParamType.Token), ("owner", SearchParamType.Reference), ("requester", SearchParamType.Reference),
                ("patient", SearchParamType.Reference), ("focus", SearchParamType.Reference), ("_lastUpdated", SearchParamType.Date)),
        };
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, Subscriptions subscriptions, CancellationToken ct)
    {
        var (subscription, error) = await ReadAsync<Subscription>(http.Request, ct);
        if (subscription is null) return error!;
        var row = await subscriptions.CreateAsync(SubscriptionMapping.FromSubscription(subscription), ct);
        http.Response.Headers.Location = "/fhir/Subscription/" + row.Id;
        return Respond(SubscriptionMapping.ToSubscription(row.Id, row.Filter, row.Endpoint, row.Status == "active", subscription.Reason ?? "Referral Task changes"), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReadSubscriptionAsync(string id, Subscriptions subscriptions, CancellationToken ct) =>
        await subscriptions.FindAsync(id, ct) is { } row
            ? Respond(SubscriptionMapping.ToSubscription(row.Id, row.Filter, row.Endpoint, row.Status == "active", "Referral Task changes"))
            : NotFound("Subscription", id);

    private static async Task<IResult> EndSubscriptionAsync(string id, Subscriptions subscriptions, CancellationToken ct) =>
        await subscriptions.DeleteAsync(id, ct) ? Results.NoContent() : NotFound("Subscription", id);

    private static async Task<IResult> CreateServiceRequestAsync(HttpContext http, SendReferral send, ICaller caller, CancellationToken ct)
    {
        var (request, error) = await ReadAsync<ServiceRequest>(http.Request, ct);
        if (request is null) return error!;
        var order = ReferralMapping.FromServiceRequest(request);
        if (order.Performer is null) return Outcome(400, OperationOutcome.IssueType.Required, "ServiceRequest.performer: name the Organization/{id} on Braid the referral is for.");
        var from = await RequesterAsync(caller, request.Requester?.Reference, ct);
        if (from is null) return Outcome(403, OperationOutcome.IssueType.Forbidden, $"ServiceRequest.requester: you do not send referrals for {request.Requester?.Reference}.");

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var result = await send.RunAsync(new Application.Referrals.ReferralRequest
        {
            Person = order.Person, Need = order.Need, From = from.Value, To = order.Performer, ServiceName = order.ServiceName, ServiceCode = order.ServiceCode,
            Draft = true, Parent = order.BasedOn, IdempotencyKey = key.Length > 0 ? key : null, Channel = "fhir",
            Note = request.Note.FirstOrDefault()?.Text,
        }, ct);
        if (result is null) return NotFound("Patient", order.Person.Value);
        if (result.Errors.Count > 0)
            return Outcome(400, OperationOutcome.IssueType.Invalid, string.Join(" ", result.Errors.Select(e => $"{e.Key}: {http.RequestServices.GetRequiredService<Texts>().Error(e.Value)}")));
        if (result.ConsentMissing.Count > 0)
            return Outcome(422, OperationOutcome.IssueType.BusinessRule,
                $"consent: the person has not consented to share {string.Join(", ", result.ConsentMissing)} with Organization/{order.Performer}; record their consent first.");
        if (result.OpenDuplicate is { } open)
            return Outcome(409, OperationOutcome.IssueType.Duplicate, $"ServiceRequest/{open} is still open for this person's need and this service.");

        var referral = await ReferralAsync(http, result.Id!.Value, ct);
        return Versioned(http, ReferralMapping.ToServiceRequest(referral!), result.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<IResult> CreateTaskAsync(HttpContext http, WorkReferral work, CancellationToken ct)
    {
        var (task, error) = await ReadAsync<Task>(http.Request, ct);
        if (task is null) return error!;
        if (task.Focus?.Reference is not { } focus || !focus.StartsWith("ServiceRequest/", StringComparison.Ordinal))
            return Outcome(400, OperationOutcome.IssueType.Required, "Task.focus: name the ServiceRequest/{id} this Task fulfils.");
        var update = ReferralMapping.FromTask(task);
        if (update.Status != ReferralStatus.Requested) return Outcome(422, OperationOutcome.IssueType.BusinessRule, "Task.status: a referral Task is created requested.");

        var id = new ReferralId(focus["ServiceRequest/".Length..]);
        if (await ReferralAsync(http, id, ct) is not { } referral) return Outcome(422, OperationOutcome.IssueType.NotFound, $"Task.focus: {focus} does not exist; create the ServiceRequest first.");
        if (referral.Status != ReferralStatus.Draft) return Outcome(409, OperationOutcome.IssueType.Duplicate, $"{focus} already has its Task: Task/{id}.");
        if (task.Owner?.Reference != "Organization/" + referral.Details.To)
            return Outcome(422, OperationOutcome.IssueType.BusinessRule, $"Task.owner: the Task is owned by the ServiceRequest's performer, Organization/{referral.Details.To}.");
        var parent = task.PartOf.Select(p => p.Reference).FirstOrDefault();
        if (parent != (referral.Details.Parent is { } p ? "Task/" + p : null))
            return Outcome(422, OperationOutcome.IssueType.BusinessRule, $"Task.partOf: {(referral.Details.Parent is { } of ? $"the Task of a filler order is part of Task/{of}" : "only the Task of a filler order is part of another")}.");

        var sent = await work.MoveAsync(id, ReferralStatus.Requested, expectedVersion: referral.Version, channel: "fhir", ct: ct);
        return Versioned(http, ReferralMapping.ToTask(sent!), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateTaskAsync(string id, HttpContext http, WorkReferral work, CancellationToken ct)
    {
        var (task, error) = await ReadAsync<Task>(http.Request, ct);
        if (task is null) return error!;
        if (task.Id is { } named && named != id) return Outcome(400, OperationOutcome.IssueType.Invalid, $"Task.id: the body is Task/{named}, the URL Task/{id}.");
        var expected = IfMatch(http.Request);
        if (await ReferralAsync(http, new ReferralId(id), ct) is not { Status: not ReferralStatus.Draft } referral) return NotFound("Task", id);
        if (expected is { } version && version != referral.Version)
            return Outcome(412, OperationOutcome.IssueType.Conflict, $"If-Match: Task/{id} is at version {referral.Version}, not {version}; read it again and retry.");

        var update = ReferralMapping.FromTask(task);
        var referralId = referral.Id;
        if (update.Received) referral = await work.AcknowledgeReceivedAsync(referralId, referral.Version, ct: ct) ?? referral;
        if (update.Status is { } status && status != referral.Status)
        {
            referral = status == ReferralStatus.Completed
                ? await work.CompleteAsync(referralId, update.Delivered ?? throw new DomainRuleException("Task.output: a completed referral Task carries the service delivered (a resulting-activity Procedure)."),
                    needMet: null, update.ReasonText, referral.Version, "fhir", ct)
                : await work.MoveAsync(referralId, status, update.Reason, update.ReasonText, expectedVersion: referral.Version, channel: "fhir", ct: ct);
        }

        return Versioned(http, ReferralMapping.ToTask(referral!));
    }

    private static async Task<IResult> ReadServiceRequestAsync(string id, HttpContext http, CancellationToken ct) =>
        await ReferralAsync(http, new ReferralId(id), ct) is { } referral ? Versioned(http, ReferralMapping.ToServiceRequest(referral)) : NotFound("ServiceRequest", id);

    private static async Task<IResult> ReadTaskAsync(string id, HttpContext http, CancellationToken ct) =>
        await ReferralAsync(http, new ReferralId(id), ct) is { Status: not ReferralStatus.Draft } referral ? Versioned(http, ReferralMapping.ToTask(referral)) : NotFound("Task", id);

    private static async Task<IResult> SearchServiceRequestsAsync(string? patient, string? subject, string? requester, string? performer, string? _lastUpdated, int? _count,
        ReadReferrals read, CancellationToken ct)
    {
        var filter = new ReferralFilter
        {
            Person = ReferenceId(patient ?? subject, "Patient"), From = Organization(requester), To = Organization(performer), UpdatedAfter = After(_lastUpdated),
        };
        return Respond(Bundle((await read.SearchAsync(filter, Count(_count), ct)).Select(ReferralMapping.ToServiceRequest)));
    }

    private static async Task<IResult> SearchTasksAsync(string? status, string? owner, string? requester, string? patient, string? focus, string? _lastUpdated, int? _count,
        ReadReferrals read, CancellationToken ct)
    {
        var statuses = status?.Split(',').Select(s => ReferralWorkflow.FromCode(s) ?? throw new FormatException($"status: '{s}' is not a status of a referral Task.")).ToList();
        var filter = new ReferralFilter
        {
            Person = ReferenceId(patient, "Patient"), From = Organization(requester), To = Organization(owner), Statuses = statuses, UpdatedAfter = After(_lastUpdated),
        };
        var focused = ReferenceId(focus, "ServiceRequest");
        var found = await read.SearchAsync(filter, Count(_count), ct);
        return Respond(Bundle(found.Where(r => r.Status != ReferralStatus.Draft && (focused is null || r.Id.Value == focused)).Select(ReferralMapping.ToTask)));
    }

    /// <summary>The referral as its reader may see it; null when there is none.</summary>
    private static async Task<Referral?> ReferralAsync(HttpContext http, ReferralId id, CancellationToken ct) =>
        await http.RequestServices.GetRequiredService<ReadReferrals>().GetAsync(id, ct);

    // The caller sends for its own organization: the one the ServiceRequest names, or its only one.
    private static async Task<OrganizationId?> RequesterAsync(ICaller caller, string? reference, CancellationToken ct)
    {
        var actor = await caller.ActorAsync(ct);
        var organizations = actor.Memberships.Select(m => m.OrganizationId).Distinct().ToList();
        if (reference is null) return organizations.Count == 1 ? organizations[0] : null;
        return Organization(reference) is { } named && organizations.Contains(named) ? named : null;
    }

    private static OrganizationId? Organization(string? reference) => ReferenceId(reference, "Organization") is { } id ? new OrganizationId(id) : null;

    private static int Count(int? count) => count is null ? MaxCount : count is >= 1 and <= MaxCount ? count.Value : throw new FormatException($"_count: give 1 to {MaxCount}.");

    // A poll asks for what changed after the last one: gt (or ge) and an instant.
    private static DateTimeOffset? After(string? lastUpdated)
    {
        if (string.IsNullOrWhiteSpace(lastUpdated)) return null;
        var prefix = lastUpdated.Length > 2 ? lastUpdated[..2] : "";
        if (prefix is not ("gt" or "ge") || !DateTimeOffset.TryParse(lastUpdated[2..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            throw new FormatException($"_lastUpdated: expected gt or ge and an instant (gt2026-12-06T10:00:00Z), got '{lastUpdated}'.");
        return prefix == "ge" ? at.AddTicks(-1) : at;
    }
}
