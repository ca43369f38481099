using System.Text.Json.Nodes;
using Braid.Core;
using Braid.Core.People;
using Braid.Core.Screening;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;
using static Braid.Interop.Tests.Fhir.FhirFixtures;

namespace Braid.Interop.Tests.Fhir;

/// <summary>Every IG example of the types Braid maps reads into Braid and writes back with the elements Braid maps unchanged.</summary>
public sealed class ExampleRoundTripTests
{
    public static TheoryData<string> ConditionExamples => new(Examples("Condition"));

    public static TheoryData<string> ObservationExamples => new(Examples("Observation"));

    [Theory, MemberData(nameof(ConditionExamples))]
    public void A_condition_keeps_its_subject_SDOH_category_and_statuses(string file)
    {
        var original = Example<Condition>(file);
        var back = Json(FhirMapping.ToCondition(FhirMapping.FromCondition(original, Now)));
        var source = Json(original);

        Assert.Equal(Select(source, "subject", "reference"), Select(back, "subject", "reference"));
        Assert.Equal(Codes(source, "category", FhirCodes.SdohCategory), Codes(back, "category", FhirCodes.SdohCategory));
        Assert.Equal(Select(source, "clinicalStatus", "coding", "code"), Select(back, "clinicalStatus", "coding", "code"));
        Assert.Equal(Select(source, "verificationStatus", "coding", "code"), Select(back, "verificationStatus", "coding", "code"));
    }

    [Theory, MemberData(nameof(ObservationExamples))]
    public void A_screening_response_keeps_its_item_answer_categories_and_links(string file)
    {
        var original = Example<Observation>(file);
        var back = Json(FhirMapping.ToObservation(FhirMapping.FromObservation(original)));
        var source = Json(original);

        foreach (var path in new[] { new[] { "code", "coding", "code" }, ["subject", "reference"], ["status"], ["effectiveDateTime"], ["valueCodeableConcept", "coding", "code"],
                     ["valueQuantity", "value"], ["valueQuantity", "unit"], ["interpretation", "coding", "code"], ["derivedFrom", "reference"], ["hasMember", "reference"] })
            Assert.True(Select(source, path).SequenceEqual(Select(back, path)), $"{file}: {string.Join('.', path)}: {string.Join(",", Select(source, path))} became {string.Join(",", Select(back, path))}");
        Assert.Equal(Codes(source, "category", FhirCodes.SdohCategory), Codes(back, "category", FhirCodes.SdohCategory));
        Assert.Contains("survey", Select(back, "category", "coding", "code"));
    }

    [Fact]
    public void The_goal_keeps_its_subject_achievement_category_and_the_need_it_addresses()
    {
        var original = Example<Hl7.Fhir.Model.Goal>("Goal-SDOHCC-GoalFoodSecurityExample.json");
        var need = FhirMapping.FromCondition(Example<Condition>("Condition-SDOHCC-ConditionFoodInsecurityExample.json"), Now);
        var back = Json(FhirMapping.ToGoal(FhirMapping.FromGoal(original, Now), need));
        var source = Json(original);

        foreach (var path in new[] { new[] { "subject", "reference" }, ["achievementStatus", "coding", "code"], ["lifecycleStatus"], ["statusDate"], ["addresses", "reference"] })
            Assert.Equal(Select(source, path), Select(back, path));
        Assert.Equal(Codes(source, "category", FhirCodes.SdohCategory), Codes(back, "category", FhirCodes.SdohCategory));
        Assert.Equal(Select(source, "description", "coding", "display"), Select(back, "description", "text"));
    }

    [Fact]
    public void The_consent_keeps_its_patient_status_scope_category_date_and_organization()
    {
        var original = Example<Hl7.Fhir.Model.Consent>("Consent-SDOHCC-ConsentInformationDisclosureExample.json");
        var read = FhirMapping.FromConsent(original, "partner");
        var custodian = new OrganizationId(original.Organization[0].Reference!["Organization/".Length..]);
        var back = Json(FhirMapping.ToConsent(read, custodian, Now));
        var source = Json(original);

        foreach (var path in new[] { new[] { "patient", "reference" }, ["status"], ["scope", "coding", "code"], ["category", "coding", "code"], ["organization", "reference"] })
            Assert.Equal(Select(source, path), Select(back, path));
        Assert.StartsWith(Select(source, "dateTime").Single(), Select(back, "dateTime").Single(), StringComparison.Ordinal);
        Assert.Equal(GranteeKind.Organization, read.Grantee.Kind);
    }

    [Fact]
    public void The_hunger_vital_sign_response_keeps_the_items_Braid_asks_and_their_answers()
    {
        var original = Example<QuestionnaireResponse>("QuestionnaireResponse-SDOHCC-QuestionnaireResponseHungerVitalSignExample.json");
        var responses = FhirMapping.FromQuestionnaireResponse(original, HungerVitalSign.Instance);
        var screening = new Screening
        {
            Id = original.Id!, Person = new PersonId("pat-53234"), Instrument = HungerVitalSign.Instance, StartedBy = "partner", StartedAt = Now, Language = "en",
            Responses = responses, Status = ScreeningStatus.Completed, CompletedAt = Now,
        };
        var back = Json(FhirMapping.ToQuestionnaireResponse(screening));
        var source = Json(original);

        Assert.Equal(["88122-7", "88123-5"], responses.Keys.Order());
        Assert.Equal(Select(source, "questionnaire"), Select(back, "questionnaire"));
        Assert.Equal(Select(source, "status"), Select(back, "status"));
        Assert.Equal(Select(source, "subject", "reference"), Select(back, "subject", "reference"));
        var asked = Select(source, "item", "linkId").Where(l => responses.ContainsKey(l.TrimStart('/'))).ToList();
        Assert.Equal(asked, Select(back, "item", "linkId"));
        Assert.Equal(Select(source, "item", "answer", "valueCoding", "code").Take(asked.Count), Select(back, "item", "answer", "valueCoding", "code"));
    }

    [Fact]
    public void The_patient_keeps_names_birth_date_contacts_address_and_OMB_categories()
    {
        var original = Example<Patient>("Patient-pat-53234.json");
        var person = FhirMapping.FromPatient(original, new OrganizationId("clinic"));
        var back = Json(FhirMapping.ToPatient(person));
        var source = Json(original);

        Assert.Equal(["American Indian or Alaska Native", "Asian", "Hispanic or Latino", "White"], person.RaceEthnicity.Value!.Order());
        // Braid keeps one name, one address (the first of each) and the contact points it knows.
        Assert.Equal(Select(source, "birthDate"), Select(back, "birthDate"));
        foreach (var path in new[] { new[] { "address", "postalCode" }, ["address", "city"], ["name", "family"] })
            Assert.Equal(Select(source, path).Take(1), Select(back, path));
        var omb = (JsonObject json) => json["extension"]!.AsArray().SelectMany(e => e!["extension"] as JsonArray ?? []).Where(x => (string?)x!["url"] == "ombCategory").Select(x => (string)x!["valueCoding"]!["code"]!).Order();
        Assert.Equal(omb(source), omb(back));
    }

    [Fact]
    public void Braids_own_person_survives_the_trip_with_declined_kept_apart_from_not_asked()
    {
        var back = FhirMapping.FromPatient(FhirJson.Parse<Patient>(FhirJson.Serialize(FhirMapping.ToPatient(Ana))), Ana.RegisteredBy);

        Assert.Equal((Ana.GivenName, Ana.FamilyName, Ana.PreferredName, Ana.BirthDate, Ana.Email, Ana.PreferredChannel, Ana.Language, Ana.PostalCode),
            (back.GivenName, back.FamilyName, back.PreferredName, back.BirthDate, back.Email, back.PreferredChannel, back.Language, back.PostalCode));
        Assert.Equal(Ana.RaceEthnicity.Value!.Order(), back.RaceEthnicity.Value!.Order());
        Assert.Equal(ReportStatus.Declined, back.Sex.Status);
        Assert.Equal(ReportStatus.NotAsked, FhirMapping.FromPatient(FhirMapping.ToPatient(Ana with { Sex = Reported<string>.NotAsked }), Ana.RegisteredBy).Sex.Status);
        Assert.Equal(ReportStatus.Declined, FhirMapping.FromPatient(FhirMapping.ToPatient(Ana with { RaceEthnicity = Reported<IReadOnlyList<string>>.Declined }), Ana.RegisteredBy).RaceEthnicity.Status);
    }
}
