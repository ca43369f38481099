using System.Text.Json.Nodes;
using Braid.Core;
using Braid.Core.People;
using Braid.Core.Screening;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;
using static Braid.Interop.Tests.Fhir.FhirFixtures;

namespace Braid.Interop.Tests.Fhir;

/// <summary>
/// What Braid says in FHIR: valid base R4 (Firely's validator), the Gravity profiles' required
/// elements and fixed codes (from their snapshots), and the IG's own examples read in and written
/// back with what Braid maps unchanged.
/// </summary>
public sealed class FhirMappingTests
{
    private static IEnumerable<Resource> Emitted()
    {
        var screening = Screened();
        yield return FhirMapping.ToPatient(Ana);
        yield return FhirMapping.ToPatient(Ana with { RaceEthnicity = Reported<IReadOnlyList<string>>.Declined, Sex = Reported<string>.Answer("female"), Phone = null, PreferredChannel = null });
        yield return FhirMapping.ToQuestionnaireResponse(screening);
        yield return FhirMapping.ToQuestionnaireResponse(new Screening { Id = "s2", Person = Ana.Id, Instrument = HungerVitalSign.Instance, StartedBy = "x", StartedAt = Now, Language = "en" });
        foreach (var observation in FhirMapping.ToObservations(screening)) yield return observation;
        var prapare = PrapareScreened();
        yield return FhirMapping.ToQuestionnaireResponse(prapare);
        foreach (var observation in FhirMapping.ToObservations(prapare)) yield return observation;
        foreach (var need in Needs) yield return FhirMapping.ToCondition(need);
        yield return FhirMapping.ToGoal(AnasGoal, Needs[0]);
        yield return FhirMapping.ToGoal(AnasGoal with { Need = null, History = [] }, null);
        foreach (var consent in Consents) yield return FhirMapping.ToConsent(consent, Ana.RegisteredBy, Now);
        foreach (var referral in Referrals)
        {
            yield return ReferralMapping.ToServiceRequest(referral);
            yield return ReferralMapping.ToTask(referral);
        }
    }

    [Fact]
    public void Everything_Braid_emits_is_valid_base_R4()
    {
        var resources = Emitted().ToList();
        // 2 patients, 2 AHC and HVS responses, 12 AHC observations (11 answers, one of them declined, and the safety total),
        // the PRAPARE response and its 14 observations (one per answer: three of 93031-3, two of 32624-9), 4 conditions, 2 goals, 3 consents,
        // and 3 referrals' ServiceRequests and Tasks.
        Assert.Equal(46, resources.Count);
        var errors = resources.SelectMany(Errors).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_validator_is_not_a_rubber_stamp()
    {
        var unparseable = FhirMapping.ToCondition(Needs[0]);
        unparseable.Subject = null!;
        Assert.Contains("subject", Assert.Single(Errors(unparseable)), StringComparison.Ordinal);
        var invalid = FhirMapping.ToCondition(Needs[0]);
        invalid.ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "sort-of");
        Assert.NotEmpty(Errors(invalid));
    }

    [Fact]
    public void A_consent_to_substance_use_records_names_42_CFR_part_2_and_the_others_HIPAA()
    {
        var policies = Consents.Select(c => FhirMapping.ToConsent(c, Ana.RegisteredBy, Now).PolicyRule!.Coding.Single()).Select(c => (c.System, c.Code)).ToList();
        Assert.Equal([("http://terminology.hl7.org/CodeSystem/consentpolicycodes", "hipaa-auth"), ("http://terminology.hl7.org/CodeSystem/consentpolicycodes", "hipaa-auth"),
            ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "42CFRPart2")], policies);
    }

    public static TheoryData<string, string> Profiles => new()
    {
        { "Condition", "StructureDefinition-SDOHCC-Condition.json" },
        { "Goal", "StructureDefinition-SDOHCC-Goal.json" },
        { "Consent", "StructureDefinition-SDOHCC-Consent.json" },
        { "Observation", "StructureDefinition-SDOHCC-ObservationScreeningResponse.json" },
        { "ServiceRequest", "StructureDefinition-SDOHCC-ServiceRequest.json" },
        { "Task", "StructureDefinition-SDOHCC-TaskForReferralManagement.json" },
    };

    [Theory, MemberData(nameof(Profiles))]
    public void Every_resource_has_what_its_Gravity_profile_requires(string type, string profile)
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Path("profiles/" + profile)))!["snapshot"]!["element"]!.AsArray();
        var resources = Emitted().Where(r => r.TypeName == type).ToList();
        Assert.NotEmpty(resources);
        Assert.Empty(resources.SelectMany(r => Missing(Json(r), snapshot).Select(m => $"{type}/{r.Id}: {m}")));
    }

    [Fact]
    public void The_conformance_check_finds_a_missing_fixed_category()
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Path("profiles/StructureDefinition-SDOHCC-Consent.json")))!["snapshot"]!["element"]!.AsArray();
        var consent = FhirMapping.ToConsent(Consents[0], Ana.RegisteredBy, Now);
        consent.Category.Clear();
        consent.Organization.Clear();
        Assert.Equal(["Consent.category", "Consent.category:IDSCL", "Consent.organization"], Missing(Json(consent), snapshot).Order());
    }

    /// <summary>
    /// The profile's elements an instance lacks: each element with a minimum of one whose parent is
    /// present, and each required slice whose pattern (a CodeableConcept's codings) no repetition carries.
    /// </summary>
    private static List<string> Missing(JsonObject instance, JsonArray snapshot)
    {
        var missing = new List<string>();
        foreach (var element in snapshot.Select(e => e!.AsObject()))
        {
            var id = (string)element["id"]!;
            if ((int?)element["min"] is not >= 1) continue;
            var path = id.Split('.');
            if (id.Contains(':'))
            {
                // Only slices of the element itself (Consent.category:IDSCL), by their pattern.
                if (path.Length != 2 || element["patternCodeableConcept"]?["coding"] is not JsonArray pattern) continue;
                var (name, _) = (path[1].Split(':')[0], 0);
                var values = Nodes(instance, [name]).ToList();
                if (!values.Any(v => pattern.All(p => v["coding"]?.AsArray().Any(c => (string?)c?["system"] == (string?)p?["system"] && (string?)c?["code"] == (string?)p?["code"]) == true)))
                    missing.Add(id);
                continue;
            }

            var last = path[^1];
            foreach (var parent in Nodes(instance, path[1..^1]))
            {
                var present = last.EndsWith("[x]", StringComparison.Ordinal)
                    ? parent.AsObject().Any(p => p.Key.StartsWith(last[..^3], StringComparison.Ordinal))
                    : parent[last] is not null;
                if (!present) missing.Add(id);
            }
        }

        return missing;
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node, string[] path)
    {
        if (path.Length == 0)
        {
            yield return node;
            yield break;
        }

        var next = node[path[0]];
        foreach (var child in next is JsonArray array ? array.OfType<JsonNode>() : next is null ? [] : [next])
            foreach (var found in Nodes(child, path[1..])) yield return found;
    }
}
