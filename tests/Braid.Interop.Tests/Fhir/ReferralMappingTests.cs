using Braid.Core;
using Braid.Core.Referrals;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;
using static Braid.Interop.Tests.Fhir.FhirFixtures;
using Task = Hl7.Fhir.Model.Task;

namespace Braid.Interop.Tests.Fhir;

/// <summary>The IG's referral examples read into Braid and written back with what Braid maps unchanged; partners' Tasks read as the workflow has them.</summary>
public sealed class ReferralMappingTests
{
    public static TheoryData<string> TaskExamples => new(Examples("Task").Where(f => f.Contains("ReferralManagement", StringComparison.Ordinal)));

    private const string FoodPantryRequest = "ServiceRequest-SDOHCC-ServiceRequestActiveFoodPantryApplicationAssistExample.json";

    [Fact]
    public void The_service_request_keeps_its_status_intent_category_service_subject_and_need()
    {
        var original = Example<ServiceRequest>(FoodPantryRequest);
        var order = ReferralMapping.FromServiceRequest(original);
        var referral = Referral.FromHistory(new ReferralId(original.Id!), [new ReferralSent(1, new Stamp("client:ehr", null, Now, "fhir"), Details(order, new OrganizationId("pantry")), ReferralStatus.Requested)]);
        var (source, back) = (Json(original), Json(ReferralMapping.ToServiceRequest(referral)));

        foreach (var path in new[] { new[] { "status" }, ["intent"], ["code", "coding", "code"], ["code", "coding", "display"], ["subject", "reference"], ["reasonReference", "reference"] })
            Assert.True(Select(source, path).SequenceEqual(Select(back, path)), $"{string.Join('.', path)}: {string.Join(",", Select(source, path))} became {string.Join(",", Select(back, path))}");
        Assert.Equal(Codes(source, "category", FhirCodes.SdohCategory), Codes(back, "category", FhirCodes.SdohCategory));
        Assert.Equal(Codes(source, "category", FhirCodes.Snomed), Codes(back, "category", FhirCodes.Snomed));
    }

    [Theory, MemberData(nameof(TaskExamples))]
    public void A_referral_task_keeps_its_status_focus_patient_owner_dates_and_output(string file)
    {
        var original = Example<Task>(file);
        var update = ReferralMapping.FromTask(original);
        var order = ReferralMapping.FromServiceRequest(Example<ServiceRequest>(FoodPantryRequest));
        var sent = DateTimeOffset.Parse(original.AuthoredOn!, System.Globalization.CultureInfo.InvariantCulture);
        var owner = new OrganizationId(original.Owner!.Reference!["Organization/".Length..]);
        var stamp = new Stamp("client:partner", owner, sent.AddDays(1), "fhir");
        List<ReferralEvent> history = [new ReferralSent(1, stamp with { At = sent }, Details(order with { Person = new PersonId(original.For!.Reference!["Patient/".Length..]) }, owner), ReferralStatus.Requested)];
        if (update.Status != ReferralStatus.Requested) history.Add(new ReferralStatusChanged(2, stamp, ReferralStatus.Accepted, null, null, null));
        if (update.Status == ReferralStatus.Completed) history.Add(new ReferralCompleted(3, stamp, update.Delivered!, null, null));
        var referral = Referral.FromHistory(new ReferralId(original.Focus!.Reference!["ServiceRequest/".Length..]), history);
        var (source, back) = (Json(original), Json(ReferralMapping.ToTask(referral)));

        // The IG's requester is a PractitionerRole; Braid names the requesting organization, so requester is not compared.
        foreach (var path in new[] { new[] { "status" }, ["intent"], ["code", "coding", "code"], ["focus", "reference"], ["for", "reference"], ["authoredOn"], ["owner", "reference"],
                     ["output", "type", "coding", "code"], ["output", "valueReference", "reference"] })
            Assert.True(Select(source, path).SequenceEqual(Select(back, path)), $"{file}: {string.Join('.', path)}: {string.Join(",", Select(source, path))} became {string.Join(",", Select(back, path))}");
    }

    [Fact]
    public void Braids_own_tasks_read_back_as_the_referral_stands()
    {
        var (declined, completed) = (Referrals[1], Referrals[2]);

        var refusal = ReferralMapping.FromTask(ReferralMapping.ToTask(declined));
        Assert.Equal((ReferralStatus.Rejected, ReferralReason.OutOfArea, "Lives outside the county"), (refusal.Status!.Value, refusal.Reason!.Value, refusal.ReasonText));
        var done = ReferralMapping.FromTask(ReferralMapping.ToTask(completed));
        Assert.Equal((ReferralStatus.Completed, "710925007", "Provision of food"), (done.Status!.Value, done.Delivered!.Code, done.Delivered.Display));
        Assert.Equal("Lives outside the county", ReferralMapping.ToTask(declined).StatusReason!.Text);
    }

    [Fact]
    public void A_partners_received_is_an_acknowledgement_a_text_reason_is_other_and_a_foreign_status_is_refused()
    {
        var task = ReferralMapping.ToTask(Referrals[0]);
        task.Status = Task.TaskStatus.Received;
        Assert.Equal((true, (ReferralStatus?)null), (ReferralMapping.FromTask(task).Received, ReferralMapping.FromTask(task).Status));

        task.Status = Task.TaskStatus.Rejected;
        task.StatusReason = new CodeableConcept { Text = "Program full until March" };
        var update = ReferralMapping.FromTask(task);
        Assert.Equal((ReferralReason.Other, "Program full until March"), (update.Reason!.Value, update.ReasonText));

        task.Status = Task.TaskStatus.Ready;
        Assert.Contains("'ready' is not a status of a referral Task", Assert.Throws<FormatException>(() => ReferralMapping.FromTask(task)).Message);
        var request = ReferralMapping.ToServiceRequest(Referrals[0]);
        request.ReasonReference.Clear();
        Assert.Contains("reasonReference", Assert.Throws<FormatException>(() => ReferralMapping.FromServiceRequest(request)).Message);
    }

    private static ReferralDetails Details(ReferralOrder order, OrganizationId to) => new()
    {
        Person = order.Person, Need = order.Need, NeedCategory = order.NeedCategory, Kind = ReferralKind.Direct, From = new OrganizationId("requester"), To = to,
        ServiceName = order.ServiceName, ServiceCode = order.ServiceCode, Shared = new HashSet<Core.People.DataCategory>(),
    };
}
