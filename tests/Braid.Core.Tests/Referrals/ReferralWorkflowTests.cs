using System.Text.Json;
using Braid.Core.Referrals;

namespace Braid.Core.Tests.Referrals;

/// <summary>
/// The referral state machine held to the IG's, as transcribed in
/// <c>tests/fixtures/fhir-sdoh/workflow/referral-task-status-transitions.json</c>: every (from, to,
/// side) pair, allowed and refused, both by the workflow table and by a referral in that status.
/// </summary>
public sealed class ReferralWorkflowTests
{
    private static readonly JsonElement Ig = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "fhir-sdoh", "referral-task-status-transitions.json")))
        .RootElement.GetProperty("referralTask");

    private static readonly string[] IgStatuses =
        [.. Ig.GetProperty("setBy").EnumerateObject().Select(p => p.Name)];

    private static readonly Dictionary<string, string> Sides = new() { ["requester"] = "requester", ["target"] = "referral target" };

    private static bool IgAllows(string from, string to, string side)
    {
        var transition = (Ig.GetProperty("transitions").TryGetProperty(from, out var next) && next.EnumerateArray().Any(s => s.GetString() == to))
            || (to == "entered-in-error" && from != "entered-in-error" && Ig.GetProperty("anyToEnteredInError").GetBoolean());
        var setBy = Ig.GetProperty("setBy").GetProperty(to).GetString()!;
        return transition && setBy.Split(" or ").Contains(Sides[side]);
    }

    public static TheoryData<string, string, string> EveryPair()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var from in IgStatuses)
            foreach (var to in IgStatuses)
                foreach (var side in Sides.Keys) data.Add(from, to, side);
        return data;
    }

    [Fact]
    public void Every_status_of_the_IG_is_a_status_of_Braid_and_back()
    {
        Assert.Equal(10, IgStatuses.Length);
        Assert.Equal(IgStatuses.Order(), Enum.GetValues<ReferralStatus>().Select(s => s.Code()).Order());
        foreach (var code in IgStatuses) Assert.Equal(code, ReferralWorkflow.FromCode(code)!.Value.Code());
    }

    [Fact]
    public void The_legacy_received_and_the_patient_task_statuses_are_not_referral_statuses()
    {
        Assert.Contains("'received' is NOT in the current referral Task status value set", Ig.GetProperty("legacyNote").GetString());
        Assert.Null(ReferralWorkflow.FromCode(ReferralWorkflow.LegacyReceived));
        Assert.Null(ReferralWorkflow.FromCode("ready"));
        Assert.Null(ReferralWorkflow.FromCode("Accepted"));
    }

    [Fact]
    public void Initial_closed_and_reason_expecting_statuses_are_the_IGs()
    {
        static string[] Codes(string property) => [.. Ig.GetProperty(property).EnumerateArray().Select(s => s.GetString()!).Order()];

        Assert.Equal(Codes("initial"), ReferralWorkflow.Initial.Select(s => s.Code()).Order());
        Assert.Equal(Codes("terminal"), Enum.GetValues<ReferralStatus>().Where(s => s.IsClosed()).Select(s => s.Code()).Order());
        Assert.Equal(Codes("statusReasonTextExpectedFor"), Enum.GetValues<ReferralStatus>().Where(ReferralWorkflow.ExpectsReason).Select(s => s.Code()).Order());
    }

    [Theory, MemberData(nameof(EveryPair))]
    public void The_workflow_allows_exactly_the_IGs_transitions_to_the_side_it_names(string from, string to, string side)
    {
        var refusal = ReferralWorkflow.Refusal(Status(from), Status(to), Party(side));
        Assert.True(IgAllows(from, to, side) == (refusal is null), $"{from} → {to} by the {side}: IG {(IgAllows(from, to, side) ? "allows" : "refuses")}, Braid says {refusal ?? "allowed"}");
    }

    [Theory, MemberData(nameof(EveryPair))]
    public void A_direct_referral_in_each_status_moves_exactly_as_the_IG_allows(string from, string to, string side)
    {
        var referral = ReferralTests.InStatus(Status(from));
        var stamp = new Stamp("user:someone", null, ReferralTests.T0.AddDays(1), "test");
        var act = () =>
        {
            if (to == "completed") referral.Complete(Party(side), stamp, new ServiceDelivered("710925007", "Provision of food"), NeedMet.Yes);
            else referral.Move(Status(to), Party(side), stamp, ReferralWorkflow.ExpectsReason(Status(to)) ? ReferralReason.PersonDeclined : null);
        };

        if (IgAllows(from, to, side))
        {
            act();
            Assert.Equal(to, referral.Status.Code());
            Assert.Equal(to, ReferralTests.Rebuilt(referral).Status.Code());
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(act);
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
            Assert.Equal(from, referral.Status.Code());
            Assert.Empty(referral.NewEvents);
        }
    }

    [Fact]
    public void A_refusal_names_the_statuses_that_could_follow_or_the_side_that_may()
    {
        Assert.Equal("A requested referral cannot become completed: it can become accepted, rejected, cancelled or entered-in-error.",
            ReferralWorkflow.Refusal(ReferralStatus.Requested, ReferralStatus.Completed, ReferralParty.Target));
        Assert.Equal("A completed referral cannot become in-progress: it is closed.",
            ReferralWorkflow.Refusal(ReferralStatus.Completed, ReferralStatus.InProgress, ReferralParty.Target));
        Assert.Equal("Only the organization the referral was sent to may set it to accepted.",
            ReferralWorkflow.Refusal(ReferralStatus.Requested, ReferralStatus.Accepted, ReferralParty.Requester));
        Assert.Equal("Only the organization that sent the referral may set it to entered-in-error.",
            ReferralWorkflow.Refusal(ReferralStatus.Accepted, ReferralStatus.EnteredInError, ReferralParty.Target));
        Assert.Equal("The referral is already accepted.", ReferralWorkflow.Refusal(ReferralStatus.Accepted, ReferralStatus.Accepted, ReferralParty.Target));
    }

    private static ReferralStatus Status(string code) => ReferralWorkflow.FromCode(code) ?? throw new ArgumentException(code);

    private static ReferralParty Party(string side) => side == "requester" ? ReferralParty.Requester : ReferralParty.Target;
}
