using System.Globalization;
using Braid.Application.People;
using Braid.Core.People;
using Braid.Core.Screening;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;
using static Braid.Web.Fhir.FhirResults;

namespace Braid.Web.Fhir;

/// <summary>What the OpenAPI document says of a FHIR answer: a FHIR R4 resource in JSON (a Bundle for searches, an OperationOutcome for errors), named by its resourceType.</summary>
public sealed record FhirResource(string ResourceType);

/// <summary>
/// FHIR R4 read and search for Patient, QuestionnaireResponse, Observation, Condition, Goal and
/// Consent (Gravity SDOH shapes). Every answer comes from <see cref="ReadPerson"/> or
/// <see cref="FindPeople"/>, so consent and role decide what is in it and every read is in the
/// person's disclosure log; errors are OperationOutcomes. The referral resources (ServiceRequest,
/// Task, Subscription) are mapped beside them by <see cref="ReferralFhirApi"/>.
/// </summary>
public static class FhirApi
{
    private static readonly string[] Types = ["QuestionnaireResponse", "Observation", "Condition", "Goal", "Consent"];

    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR").AddEndpointFilter(FhirResults.Outcomes);
        fhir.MapGet("/metadata", Capabilities).AllowEveryone().WithSummary("The CapabilityStatement: what this FHIR endpoint reads and searches.")
            .Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        fhir.MapReferralFhirApi();
        var people = fhir.MapGroup("/").RequirePermission(Permission.PersonRead);
        people.MapGet("/Patient", SearchPatientsAsync).WithSummary("Patients by name, birthdate or phone (typos tolerated), as far as consent allows.")
            .Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        people.MapGet("/Patient/{id}", ReadPatientAsync).WithSummary("One Patient.").Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        people.MapGet("/{type}", SearchByPatientAsync).WithSummary("A person's QuestionnaireResponses, Observations, Conditions, Goals or Consents (patient=…).")
            .Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        fhir.MapGroup("/").RequirePermission(Permission.PersonWrite)
            .MapPost("/QuestionnaireResponse", CreateScreeningAsync).Accepts<FhirResource>(MediaType, "application/json")
            .WithSummary("Records a screening (AHC HRSN, Hunger Vital Sign or PRAPARE) given as a QuestionnaireResponse; needs are proposed when it is completed.")
            .Produces<FhirResource>(StatusCodes.Status201Created, MediaType).Produces<FhirResource>(StatusCodes.Status400BadRequest, MediaType);
        people.MapGet("/{type}/{id}", ReadAsync).WithSummary("One QuestionnaireResponse, Observation, Condition, Goal or Consent.").Produces<FhirResource>(StatusCodes.Status200OK, MediaType);
        return app;
    }

    private static IResult Capabilities()
    {
        var rest = new CapabilityStatement.RestComponent { Mode = CapabilityStatement.RestfulCapabilityMode.Server };
        foreach (var type in Types.Prepend("Patient"))
        {
            rest.Resource.Add(new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                SearchParam = type == "Patient"
                    ? [new() { Name = "name", Type = SearchParamType.String }, new() { Name = "birthdate", Type = SearchParamType.Date }, new() { Name = "phone", Type = SearchParamType.Token }]
                    : [new() { Name = "patient", Type = SearchParamType.Reference }],
            });
        }

        rest.Resource.AddRange(ReferralFhirApi.Capabilities());
        return Respond(new CapabilityStatement
        {
            Status = PublicationStatus.Active, Date = "2026-12-06", Kind = CapabilityStatementKind.Instance, FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json"], Rest = [rest], Software = new CapabilityStatement.SoftwareComponent { Name = "Braid" },
        });
    }

    private static async Task<IResult> SearchPatientsAsync(string? name, string? birthdate, string? phone, FindPeople find, CancellationToken ct)
    {
        DateOnly? born = null;
        if (!string.IsNullOrWhiteSpace(birthdate))
        {
            if (!DateOnly.TryParseExact(birthdate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return Outcome(400, OperationOutcome.IssueType.Value, "birthdate: give a date as yyyy-mm-dd.");
            born = d;
        }

        if (string.IsNullOrWhiteSpace(name) && born is null && string.IsNullOrWhiteSpace(phone)) return Outcome(400, OperationOutcome.IssueType.Required, "Search by name, birthdate or phone.");
        var found = await find.RunAsync(name, born, phone, ct, channel: "fhir");
        // A search lists who matched by name and date of birth; the full Patient is a read of its own (and disclosed as one).
        return Respond(Bundle(found.Select(m => (Resource)new Patient
        {
            Id = m.Id.Value, Name = [new HumanName { Text = m.DisplayName }],
            BirthDate = m.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })));
    }

    private static async Task<IResult> ReadPatientAsync(string id, ReadPerson read, CancellationToken ct)
    {
        var record = await read.RunAsync(new PersonId(id), "fhir", ct: ct);
        if (record is null) return NotFound("Patient", id);
        if (record.Person is null) return Outcome(403, OperationOutcome.IssueType.Forbidden, "The person has not consented to you reading their demographics.");
        return Respond(FhirMapping.ToPatient(record.Person));
    }

    private static async Task<IResult> SearchByPatientAsync(string type, string? patient, string? subject, ReadPerson read, CancellationToken ct)
    {
        if (!Types.Contains(type)) return Outcome(404, OperationOutcome.IssueType.NotSupported, $"Braid serves no '{type}' resources; it serves Patient, {string.Join(", ", Types)}.");
        if (ReferenceId(patient ?? subject, "Patient") is not { } id) return Outcome(400, OperationOutcome.IssueType.Required, "patient: name the person (patient=Patient/{id} or patient={id}).");
        var record = await read.RunAsync(new PersonId(id), "fhir", ct: ct);
        return Respond(Bundle(record is null ? [] : ResourcesOf(record, type)));
    }

    private static async Task<IResult> ReadAsync(string type, string id, ReadPerson read, CancellationToken ct)
    {
        if (!Types.Contains(type)) return Outcome(404, OperationOutcome.IssueType.NotSupported, $"Braid serves no '{type}' resources.");
        if (await read.OwnerAsync(type, id, ct) is not { } owner) return NotFound(type, id);
        var record = await read.RunAsync(owner, "fhir", ct: ct);
        return record is not null && ResourcesOf(record, type).FirstOrDefault(r => r.Id == id) is { } resource
            ? Respond(resource)
            : Outcome(403, OperationOutcome.IssueType.Forbidden, $"{type}/{id} is not among what the person has consented to you reading.");
    }

    private static async Task<IResult> CreateScreeningAsync(HttpRequest request, ScreenPerson screen, Texts texts, CancellationToken ct)
    {
        var (response, error) = await ReadAsync<QuestionnaireResponse>(request, ct);
        if (response is null) return error!;
        if (FhirMapping.InstrumentOf(response.Questionnaire) is not { } instrument)
            return Outcome(400, OperationOutcome.IssueType.NotSupported, $"questionnaire: Braid records {string.Join(", ", Instruments.All.Select(FhirMapping.Canonical))}, not '{response.Questionnaire}'.");
        if (response.Subject?.Reference is not { } subject || !subject.StartsWith("Patient/", StringComparison.Ordinal)) return Outcome(400, OperationOutcome.IssueType.Required, "subject: name the person as Patient/{id}.");
        // The Hunger Vital Sign's own result item is Braid's to compute; any other item must be the instrument's.
        if (FhirMapping.UnknownItem(response, instrument) is { } unknown)
            return Outcome(400, OperationOutcome.IssueType.CodeInvalid, $"item '{unknown}': not a question of {instrument.Id}.");
        if (FhirMapping.RepeatedItem(response, instrument) is { } repeated)
            return Outcome(400, OperationOutcome.IssueType.Invalid, $"item '{repeated}': answered more than once; give all of a question's answers in one item.");

        var completed = response.Status == QuestionnaireResponse.QuestionnaireResponseStatus.Completed;
        var (id, refusal) = await screen.RecordAsync(new PersonId(subject["Patient/".Length..]), instrument.Id, FhirMapping.FromQuestionnaireResponse(response, instrument), completed,
            response.Language is "es" ? "es" : "en", ct);
        if (refusal is not null) return Outcome(400, OperationOutcome.IssueType.CodeInvalid, (refusal.Field is { } item ? $"item '{item}': " : "") + texts.Error(refusal));
        if (id is null) return NotFound("Patient", subject["Patient/".Length..]);
        var stored = (QuestionnaireResponse)response.DeepCopy();
        stored.Id = id;
        request.HttpContext.Response.Headers.Location = $"/fhir/QuestionnaireResponse/{id}";
        return Respond(stored, StatusCodes.Status201Created);
    }

    /// <summary>The resources of one type in what the reader may see of the person.</summary>
    private static IEnumerable<Resource> ResourcesOf(PersonRecord record, string type) => type switch
    {
        "QuestionnaireResponse" => record.Screenings.Select(FhirMapping.ToQuestionnaireResponse),
        "Observation" => record.Screenings.SelectMany(FhirMapping.ToObservations),
        "Condition" => record.Needs.Select(FhirMapping.ToCondition),
        "Goal" => record.Goals.Select(g => FhirMapping.ToGoal(g, record.Needs.FirstOrDefault(n => n.Id == g.Need))),
        "Consent" when record.Person is { } person => record.Consents.Select(c => FhirMapping.ToConsent(c, person.RegisteredBy, DateTimeOffset.UtcNow)),
        _ => [],
    };
}
