namespace Braid.Interop.Fhir;

/// <summary>The code systems and canonical URLs Braid's FHIR resources use.</summary>
public static class FhirCodes
{
    public const string Loinc = "http://loinc.org";
    public const string SdohCategory = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
    public const string UsCoreCategory = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
    public const string ConditionCategory = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public const string DataAbsentReasonExtension = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string GoalAchievement = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    public const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public const string ConsentPolicy = "http://terminology.hl7.org/CodeSystem/consentpolicycodes";
    public const string Race = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    public const string Ethnicity = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
    public const string CdcRace = "urn:oid:2.16.840.1.113883.6.238";
    public const string NullFlavor = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
    public const string Bcp47 = "urn:ietf:bcp:47";
    public const string Snomed = "http://snomed.info/sct";
    public const string TaskCode = "http://hl7.org/fhir/CodeSystem/task-code";

    /// <summary>Braid's own definitions (the consent data categories, the person's ranking of a need, why a referral was declined or closed).</summary>
    public const string Braid = "https://braid.example.org/fhir";
    public const string DataCategory = Braid + "/CodeSystem/data-category";
    public const string PersonsRank = Braid + "/StructureDefinition/persons-rank";
    public const string ReferralReason = Braid + "/CodeSystem/referral-status-reason";

    /// <summary>The topic of a subscription to referral Tasks: any change to a Task of the subscriber's organization.</summary>
    public const string ReferralTaskTopic = Braid + "/SubscriptionTopic/referral-task";
    public const string Backport = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    public const string AhcQuestionnaire = Braid + "/Questionnaire/ahc-hrsn";
    public const string HungerVitalSignQuestionnaire = "http://hl7.org/fhir/us/sdoh-clinicalcare/Questionnaire/SDOHCC-QuestionnaireHungerVitalSign";
    public const string PrapareQuestionnaire = "http://hl7.org/fhir/us/sdoh-clinicalcare/Questionnaire/SDOHCC-QuestionnairePRAPARE";

    /// <summary>The OMB categories of the combined question, by their CDC race and ethnicity codes; Hispanic or Latino is the ethnicity extension's.</summary>
    public static readonly IReadOnlyDictionary<string, string> OmbCodes = new Dictionary<string, string>
    {
        ["American Indian or Alaska Native"] = "1002-5", ["Asian"] = "2028-9", ["Black or African American"] = "2054-5",
        ["Native Hawaiian or Pacific Islander"] = "2076-8", ["White"] = "2106-3", ["Hispanic or Latino"] = "2135-2",
    };

    /// <summary>
    /// US Core's race extension has no code for Middle Eastern or North African (SPD 15, 2024
    /// added it after CDC's code set was fixed): Braid sends it as the extension's text and reads it back from there.
    /// </summary>
    public const string MiddleEasternOrNorthAfrican = "Middle Eastern or North African";
}
