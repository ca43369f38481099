using Braid.Core;
using Braid.Core.Referrals;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using static Braid.Core.Referrals.ReferralStatus;
using Task = Hl7.Fhir.Model.Task;

namespace Braid.Interop.Fhir;

/// <summary>What a ServiceRequest asks for: the person, the need it addresses, the service requested, and who is to perform it.</summary>
public sealed record ReferralOrder(PersonId Person, string Need, string NeedCategory, string? ServiceCode, string ServiceName, OrganizationId? Performer)
{
    /// <summary>The requester's ServiceRequest this filler order fulfils (ServiceRequest.basedOn), in the indirect flow.</summary>
    public ReferralId? BasedOn { get; init; }
}

/// <summary>What a partner's Task says of a referral: its status (or the legacy "received"), why, and the service delivered.</summary>
public sealed record TaskUpdate(ReferralStatus? Status, bool Received, ReferralReason? Reason, string? ReasonText, ServiceDelivered? Delivered);

/// <summary>
/// A referral as the Gravity SDOH Clinical Care IG's ServiceRequest (what is asked for) and Task
/// for referral management (where it stands), and back. The ServiceRequest and Task carry the
/// referral's id; the Task's status is the referral's, never the legacy "received".
/// </summary>
public static class ReferralMapping
{
    private const string ResultingActivity = "resulting-activity";

    public static ServiceRequest ToServiceRequest(Referral referral)
    {
        var d = referral.Details;
        return new ServiceRequest
        {
            Id = referral.Id.Value,
            Meta = Meta(referral),
            // A referral is a draft until its Task is made; the order itself is active from the start.
            Status = referral.Status switch
            {
                Completed => RequestStatus.Completed,
                EnteredInError => RequestStatus.EnteredInError,
                Rejected or Cancelled or Failed => RequestStatus.Revoked,
                _ => RequestStatus.Active,
            },
            Intent = d.Parent is null ? RequestIntent.Order : RequestIntent.FillerOrder,
            BasedOn = d.Parent is { } parent ? [new ResourceReference("ServiceRequest/" + parent)] : [],
            Category = [new CodeableConcept(FhirCodes.Snomed, "410606002", "Social service procedure", null), new CodeableConcept(FhirCodes.SdohCategory, d.NeedCategory)],
            Code = d.ServiceCode is { } code ? new CodeableConcept(FhirCodes.Snomed, code, d.ServiceName, null) : new CodeableConcept { Text = d.ServiceName },
            Subject = FhirMapping.Patient(d.Person),
            AuthoredOn = FhirMapping.Time(referral.SentAt).Value,
            Requester = Organization(d.From),
            Performer = [Recipient(d)],
            ReasonReference = [new ResourceReference("Condition/" + d.Need)],
        };
    }

    /// <summary>The order a ServiceRequest makes, or <see cref="FormatException"/> naming the element it lacks.</summary>
    public static ReferralOrder FromServiceRequest(ServiceRequest request)
    {
        var need = request.ReasonReference.Select(r => r.Reference).FirstOrDefault(r => r?.StartsWith("Condition/", StringComparison.Ordinal) == true)
            ?? throw new FormatException("ServiceRequest.reasonReference names no Condition/{id}: a referral is for one of the person's needs.");
        var category = request.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == FhirCodes.SdohCategory)?.Code
            ?? throw new FormatException($"ServiceRequest.category has no code of {FhirCodes.SdohCategory}: the need's SDOH category.");
        var coded = request.Code?.Coding.FirstOrDefault(c => c.System == FhirCodes.Snomed);
        var name = coded?.Display ?? request.Code?.Text ?? throw new FormatException("ServiceRequest.code names no service (a SNOMED CT coding with its display, or text).");
        var performer = request.Performer.Select(p => p.Reference).FirstOrDefault(r => r?.StartsWith("Organization/", StringComparison.Ordinal) == true);
        var basedOn = request.BasedOn.Select(r => r.Reference).FirstOrDefault(r => r?.StartsWith("ServiceRequest/", StringComparison.Ordinal) == true);
        if (request.Intent == RequestIntent.FillerOrder && basedOn is null) throw new FormatException("ServiceRequest.basedOn: a filler order names the ServiceRequest/{id} it fulfils.");
        return new ReferralOrder(FhirMapping.PersonOf(request.Subject), need["Condition/".Length..], category, coded?.Code, name,
            performer is null ? null : new OrganizationId(performer["Organization/".Length..]))
        {
            BasedOn = basedOn is null ? null : new ReferralId(basedOn["ServiceRequest/".Length..]),
        };
    }

    public static Task ToTask(Referral referral)
    {
        var d = referral.Details;
        var task = new Task
        {
            Id = referral.Id.Value,
            Meta = Meta(referral),
            PartOf = d.Parent is { } parent ? [new ResourceReference("Task/" + parent)] : [],
            Status = EnumUtility.ParseLiteral<Task.TaskStatus>(referral.Status.Code()),
            Intent = Task.TaskIntent.Order,
            Code = new CodeableConcept(FhirCodes.TaskCode, "fulfill", "Fulfill the focal request", null),
            Focus = new ResourceReference("ServiceRequest/" + referral.Id),
            For = FhirMapping.Patient(d.Person),
            AuthoredOn = FhirMapping.Time(referral.SentAt).Value,
            LastModified = FhirMapping.Time(referral.UpdatedAt).Value,
            Requester = Organization(d.From),
            Owner = Recipient(d),
        };
        if (referral.Reason is { } reason)
        {
            task.StatusReason = new CodeableConcept(FhirCodes.ReferralReason, reason.Code(), reason.Display(), referral.ReasonNote ?? reason.Display());
        }
        else if (referral.ReasonNote is { } note)
        {
            task.StatusReason = new CodeableConcept { Text = note };
        }

        if (referral.ServiceDelivered is { } delivered)
        {
            DataType value = delivered.Procedure is { } procedure
                ? new ResourceReference(procedure, delivered.Display)
                : delivered.Code is { } code ? new CodeableConcept(FhirCodes.Snomed, code, delivered.Display, delivered.Display) : new CodeableConcept { Text = delivered.Display };
            task.Output.Add(new Task.OutputComponent { Type = new CodeableConcept(FhirCodes.SdohCategory, ResultingActivity, "Resulting Activity", null), Value = value });
        }

        return task;
    }

    /// <summary>What a partner's Task says, or <see cref="FormatException"/> naming a status the referral workflow does not have.</summary>
    public static TaskUpdate FromTask(Task task)
    {
        var code = task.Status?.GetLiteral() ?? throw new FormatException("Task.status is missing.");
        var received = code == ReferralWorkflow.LegacyReceived;
        ReferralStatus? status = received ? null : ReferralWorkflow.FromCode(code)
            ?? throw new FormatException($"Task.status '{code}' is not a status of a referral Task (SDOHCC-ValueSetReferralTaskStatus).");
        var coded = task.StatusReason?.Coding.FirstOrDefault(c => c.System == FhirCodes.ReferralReason)?.Code;
        var reason = ReferralReasons.FromCode(coded);
        var text = task.StatusReason?.Text is { Length: > 0 } t && t != reason?.Display() ? t : null;

        ServiceDelivered? delivered = null;
        if (task.Output.FirstOrDefault(o => o.Type?.Coding.Any(c => c.System == FhirCodes.SdohCategory && c.Code == ResultingActivity) == true) is { } output)
        {
            delivered = output.Value switch
            {
                ResourceReference r => new ServiceDelivered(null, r.Display, r.Reference),
                CodeableConcept c => new ServiceDelivered(c.Coding.FirstOrDefault(x => x.System == FhirCodes.Snomed)?.Code, c.Text ?? c.Coding.FirstOrDefault()?.Display),
                _ => null,
            };
        }

        return new TaskUpdate(status, received, reason ?? (text is null ? null : ReferralReason.Other), text, delivered);
    }

    /// <summary>The referral's version, which is also the ServiceRequest's and the Task's (their ETag).</summary>
    private static Meta Meta(Referral referral) => new() { VersionId = referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = referral.UpdatedAt };

    private static ResourceReference Organization(OrganizationId id) => new("Organization/" + id.Value);

    // An organization outside Braid has no resource here: it is named, not referenced.
    private static ResourceReference Recipient(ReferralDetails d) => d.To is { } to ? Organization(to) : new ResourceReference { Display = d.ExternalOrganization ?? d.ServiceName };
}
