using Braid.Application.People;
using Braid.Core.Referrals;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;

namespace Braid.Web.Portal;

/// <summary>
/// What a person signed in to their portal downloads: everything Braid holds about them as one
/// FHIR R4 collection Bundle (Patient, needs as Condition, goals, screenings as QuestionnaireResponse
/// and Observations, consents, referrals as ServiceRequest and Task). The download is audited.
/// </summary>
public static class PortalApi
{
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/me/export", ExportAsync).WithTags("Portal").RequirePermission(Permission.OwnRecord).WithName("ExportOwnRecord")
            .WithSummary("The signed-in person's whole record as a FHIR R4 collection Bundle.").Produces<Fhir.FhirResource>(StatusCodes.Status200OK, "application/fhir+json");
        return app;
    }

    private static async Task<IResult> ExportAsync(ReadOwnRecord read, PublicSite site, TimeProvider time, HttpResponse response, CancellationToken ct)
    {
        if (await read.RunAsync("export", ct) is not { } record) return Results.NotFound();
        var now = time.GetUtcNow();
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = now };
        foreach (var resource in Resources(record, now))
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = site.Link($"/fhir/{resource.TypeName}/{resource.Id}"), Resource = resource });
        response.Headers.CacheControl = "no-store";
        return Results.File(System.Text.Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle)), "application/fhir+json", $"braid-record-{record.Person.Id}.json");
    }

    private static IEnumerable<Resource> Resources(OwnRecord record, DateTimeOffset now) =>
    [
        FhirMapping.ToPatient(record.Person),
        .. record.Needs.Select(FhirMapping.ToCondition),
        .. record.Goals.Select(g => FhirMapping.ToGoal(g, record.Needs.FirstOrDefault(n => n.Id == g.Need))),
        .. record.Screenings.Select(FhirMapping.ToQuestionnaireResponse),
        .. record.Screenings.SelectMany(FhirMapping.ToObservations),
        .. record.Consents.Select(c => FhirMapping.ToConsent(c, record.Person.RegisteredBy, now)),
        .. record.Referrals.Select(ReferralMapping.ToServiceRequest),
        .. record.Referrals.Where(r => r.Status != ReferralStatus.Draft).Select(ReferralMapping.ToTask),
    ];
}
