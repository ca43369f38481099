using System.Globalization;
using Braid.Data.Referrals;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Braid.Web.Fhir;

/// <summary>What every /fhir endpoint answers with: FHIR JSON resources, searchset Bundles, and OperationOutcomes for errors (FHIR clients expect one, not problem details).</summary>
internal static class FhirResults
{
    public const string MediaType = "application/fhir+json";

    public static IResult Respond(Resource resource, int status = 200) => Results.Text(FhirJson.Serialize(resource), MediaType, statusCode: status);

    /// <summary>A versioned resource, with its version as the ETag a later <c>If-Match</c> gives back.</summary>
    public static IResult Versioned(HttpContext http, Resource resource, int status = 200)
    {
        var version = resource.Meta?.VersionId ?? throw new InvalidOperationException($"{resource.TypeName}/{resource.Id} has no version.");
        http.Response.Headers.ETag = $"W/\"{version}\"";
        if (resource.Meta.LastUpdated is { } updated) http.Response.Headers.LastModified = updated.ToString("R", CultureInfo.InvariantCulture);
        if (status == StatusCodes.Status201Created) http.Response.Headers.Location = $"/fhir/{resource.TypeName}/{resource.Id}/_history/{version}";
        return Respond(resource, status);
    }

    /// <summary>The version an <c>If-Match</c> header names (<c>W/"3"</c>, <c>"3"</c>); null when there is none; <see cref="FormatException"/> when it names none.</summary>
    public static int? IfMatch(HttpRequest request)
    {
        if (request.Headers.IfMatch is not [{ } value]) return null;
        var tag = value.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
        return int.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new FormatException($"If-Match: expected a version as the ETag gave it (W/\"3\"), got '{value}'.");
    }

    /// <summary>The id a reference search parameter names, given as <c>Type/{id}</c> or the bare id; null when it names none.</summary>
    public static string? ReferenceId(string? reference, string type) =>
        string.IsNullOrWhiteSpace(reference) ? null : reference.StartsWith(type + "/", StringComparison.Ordinal) ? reference[(type.Length + 1)..] : reference;

    public static Bundle Bundle(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Searchset };
        foreach (var resource in resources) bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{resource.TypeName}/{resource.Id}", Resource = resource, Search = new() { Mode = Hl7.Fhir.Model.Bundle.SearchEntryMode.Match } });
        bundle.Total = bundle.Entry.Count;
        return bundle;
    }

    /// <summary>The request's body as a resource of type <typeparamref name="T"/>, or the OperationOutcome saying why it is not one.</summary>
    public static async Task<(T? Resource, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : Resource
    {
        using var body = new StreamReader(request.Body);
        Resource resource;
        try
        {
            resource = FhirJson.Parse<Resource>(await body.ReadToEndAsync(ct));
        }
        catch (System.Text.Json.JsonException notJson)
        {
            return (null, Outcome(400, OperationOutcome.IssueType.Structure, "Invalid JSON: " + notJson.Message));
        }

        return resource is T typed
            ? (typed, null)
            : (null, Outcome(400, OperationOutcome.IssueType.Invalid, $"resourceType: expected a {typeof(T).Name}, got a {resource.TypeName}."));
    }

    public static IResult NotFound(string type, string id) => Outcome(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} does not exist.");

    public static IResult Outcome(int status, OperationOutcome.IssueType code, string diagnostics) => Respond(new OperationOutcome
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = diagnostics }],
    }, status);

    /// <summary>A refusal, a broken rule, a stale version or a resource Braid cannot read, as an OperationOutcome.</summary>
    public static async ValueTask<object?> Outcomes(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException denied)
        {
            return Outcome(denied.Actor.Kind == ActorKind.Anonymous ? 401 : 403, OperationOutcome.IssueType.Forbidden, $"{denied.Permission}: {denied.Decision.Reason}.");
        }
        catch (DeserializationFailedException failed)
        {
            return Outcome(400, OperationOutcome.IssueType.Structure, failed.Message);
        }
        catch (FormatException malformed)
        {
            return Outcome(400, OperationOutcome.IssueType.Invalid, malformed.Message);
        }
        catch (DomainRuleException refused)
        {
            return Outcome(422, OperationOutcome.IssueType.BusinessRule, refused.Message);
        }
        catch (ConcurrentChangeException stale)
        {
            return Outcome(409, OperationOutcome.IssueType.Conflict, stale.Message);
        }
    }
}
