using Braid.Interop.Fhir;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Braid.Testing;

/// <summary>Base-R4 validation of what Braid sends (Firely's validator over the R4 specification).</summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> LazyValidator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    /// <summary>The errors base R4 finds in the resource, read as a partner would: the SDK's strict parser first, then the validator.</summary>
    public static List<string> Errors(Resource resource)
    {
        Resource reparsed;
        try
        {
            reparsed = FhirJson.Parse<Resource>(FhirJson.Serialize(resource));
        }
        catch (DeserializationFailedException failed)
        {
            return [$"{resource.TypeName}/{resource.Id}: {failed.Message}"];
        }

        var outcome = LazyValidator.Value.Validate(reparsed);
        return [.. outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {i.Details?.Text ?? i.Diagnostics} at {string.Join(",", i.Expression)}")];
    }
}
