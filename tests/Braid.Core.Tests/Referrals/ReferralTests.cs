using Braid.Core.People;
using Braid.Core.Referrals;

namespace Braid.Core.Tests.Referrals;

public sealed class ReferralTests
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly OrganizationId Clinic = new("clinic"), Pantry = new("pantry");

    private static ReferralDetails Details(ReferralKind kind = ReferralKind.Direct) => new()
    {
        Person = new PersonId("p-1"), Need = "need-1", NeedCategory = "food-insecurity", Kind = kind, From = Clinic,
        To = kind == ReferralKind.Direct ? Pantry : null, Service = new ServiceAtLocationId("sal-1"), ServiceName = "Food pantry",
        ExternalOrganization = kind == ReferralKind.External ? "Church pantry" : null, ExternalEmail = kind == ReferralKind.External ? "pantry@example.org" : null,
        Shared = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.FoodInsecurity },
    };

    private static Stamp By(string who, OrganizationId org, int hours, string channel = "page") => new(who, org, T0.AddHours(hours), channel);

    /// <summary>A direct referral as stored in a status (its history is not checked against the workflow when read back).</summary>
    public static Referral InStatus(ReferralStatus status)
    {
        List<ReferralEvent> history = [new ReferralSent(1, By("user:nav", Clinic, 0), Details(), status == ReferralStatus.Draft ? ReferralStatus.Draft : ReferralStatus.Requested)];
        if (status is not (ReferralStatus.Draft or ReferralStatus.Requested))
            history.Add(new ReferralStatusChanged(2, By("user:cbo", Pantry, 1), status, ReferralWorkflow.ExpectsReason(status) ? ReferralReason.NoCapacity : null, null, null));
        return Referral.FromHistory(new ReferralId("r-1"), history);
    }

    public static Referral Rebuilt(Referral referral) => Referral.FromHistory(referral.Id, referral.History);

    [Fact]
    public void The_closed_loop_is_kept_as_events_and_the_referral_is_their_fold()
    {
        var referral = Referral.Send(new ReferralId("r-1"), Details(), By("user:nav", Clinic, 0));
        referral.Assign(ReferralParty.Target, By("user:cbo-admin", Pantry, 1), "user:cbo");
        referral.Move(ReferralStatus.Accepted, ReferralParty.Target, By("user:cbo", Pantry, 2));
        referral.LogContactAttempt(ReferralParty.Target, By("user:cbo", Pantry, 3), reached: false, "voicemail");
        referral.LogContactAttempt(ReferralParty.Target, By("user:cbo", Pantry, 5), reached: true);
        referral.Move(ReferralStatus.OnHold, ReferralParty.Target, By("user:cbo", Pantry, 6), ReferralReason.Waitlisted, waitlistPosition: 4);
        referral.Move(ReferralStatus.InProgress, ReferralParty.Target, By("user:cbo", Pantry, 30));
        referral.Complete(ReferralParty.Target, By("user:cbo", Pantry, 48), new ServiceDelivered("710925007", "Provision of food"), NeedMet.Partly, "two weeks of groceries");

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], referral.History.Select(e => e.Version));
        Assert.Equal(8, referral.NewEvents.Count);
        Assert.Equal(ReferralStatus.Completed, referral.Status);
        Assert.Equal((2, T0.AddHours(3), "user:cbo"), (referral.ContactAttempts, referral.FirstContactAt!.Value, referral.Assignee));
        Assert.Equal((NeedMet.Partly, "Provision of food", T0.AddHours(48)), (referral.NeedMet!.Value, referral.ServiceDelivered!.Display, referral.ClosedAt!.Value));
        Assert.Null(referral.WaitlistPosition);

        var rebuilt = Rebuilt(referral);
        Assert.Empty(rebuilt.NewEvents);
        Assert.Equal((referral.Status, referral.Version, referral.ContactAttempts, referral.FirstContactAt, referral.Assignee, referral.NeedMet, referral.ClosedAt),
            (rebuilt.Status, rebuilt.Version, rebuilt.ContactAttempts, rebuilt.FirstContactAt, rebuilt.Assignee, rebuilt.NeedMet, rebuilt.ClosedAt));
    }

    [Fact]
    public void A_waitlist_keeps_the_persons_place_and_a_rejection_its_reason()
    {
        var waitlisted = InStatus(ReferralStatus.Accepted);
        waitlisted.Move(ReferralStatus.OnHold, ReferralParty.Target, By("user:cbo", Pantry, 2), ReferralReason.Waitlisted, waitlistPosition: 12);
        Assert.Equal((ReferralStatus.OnHold, ReferralReason.Waitlisted, 12), (waitlisted.Status, waitlisted.Reason!.Value, waitlisted.WaitlistPosition!.Value));

        var rejected = InStatus(ReferralStatus.Requested);
        rejected.Move(ReferralStatus.Rejected, ReferralParty.Target, By("user:cbo", Pantry, 2), ReferralReason.OutOfArea, "lives in the county");
        Assert.Equal((ReferralReason.OutOfArea, "lives in the county", T0.AddHours(2)), (rejected.Reason!.Value, rejected.ReasonNote, rejected.ClosedAt!.Value));
    }

    public static TheoryData<ReferralStatus, ReferralStatus, ReferralReason?, string?, int?, string> Refused => new()
    {
        { ReferralStatus.Requested, ReferralStatus.Rejected, null, null, null, "needs a reason" },
        { ReferralStatus.Requested, ReferralStatus.Rejected, null, "   ", null, "needs a reason" },
        { ReferralStatus.Accepted, ReferralStatus.Failed, null, null, null, "needs a reason" },
        { ReferralStatus.Accepted, ReferralStatus.OnHold, null, null, null, "needs a reason" },
        { ReferralStatus.Requested, ReferralStatus.Accepted, ReferralReason.NoCapacity, null, null, "not when it becomes accepted" },
        { ReferralStatus.Requested, ReferralStatus.Rejected, ReferralReason.Other, null, null, "\"other\" needs a note" },
        { ReferralStatus.Accepted, ReferralStatus.OnHold, ReferralReason.Waitlisted, null, null, "place on the waitlist" },
        { ReferralStatus.Accepted, ReferralStatus.OnHold, ReferralReason.Waitlisted, null, 0, "place on the waitlist" },
        { ReferralStatus.Accepted, ReferralStatus.OnHold, ReferralReason.NoCapacity, null, 3, "only a waitlisted one has a place" },
        { ReferralStatus.Requested, ReferralStatus.Rejected, ReferralReason.Waitlisted, null, null, "place on the waitlist" },
    };

    [Theory, MemberData(nameof(Refused))]
    public void A_status_reason_missing_or_out_of_place_is_refused_and_nothing_changes(ReferralStatus from, ReferralStatus to, ReferralReason? reason, string? note, int? position, string rule)
    {
        var referral = InStatus(from);
        var refused = Assert.Throws<DomainRuleException>(() => referral.Move(to, ReferralParty.Target, By("user:cbo", Pantry, 2), reason, note, position));
        Assert.Contains(rule, refused.Message);
        Assert.Equal(from, referral.Status);
        Assert.Empty(referral.NewEvents);
    }

    [Fact]
    public void Completion_says_what_was_delivered_and_goes_through_Complete()
    {
        var referral = InStatus(ReferralStatus.Accepted);
        Assert.Contains("service delivered", Assert.Throws<DomainRuleException>(() => referral.Move(ReferralStatus.Completed, ReferralParty.Target, By("user:cbo", Pantry, 2))).Message);
        Assert.Contains("what service was delivered", Assert.Throws<DomainRuleException>(() => referral.Complete(ReferralParty.Target, By("user:cbo", Pantry, 2), new ServiceDelivered(null, " "), NeedMet.Yes)).Message);
        referral.Complete(ReferralParty.Target, By("user:ehr", Pantry, 2, "fhir"), new ServiceDelivered(null, "Groceries"), needMet: null);
        Assert.Equal((ReferralStatus.Completed, (NeedMet?)null), (referral.Status, referral.NeedMet));

        // A partner may name only the Procedure it recorded the service in.
        var byReference = InStatus(ReferralStatus.InProgress);
        byReference.Complete(ReferralParty.Target, By("client:pantry", Pantry, 2, "fhir"), new ServiceDelivered(null, null, "Procedure/p-17"), NeedMet.Yes);
        Assert.Equal("Procedure/p-17", byReference.ServiceDelivered!.Name);
    }

    [Fact]
    public void A_legacy_received_is_an_acknowledgement_while_requested_never_a_status()
    {
        var referral = InStatus(ReferralStatus.Requested);
        referral.AcknowledgeReceived(ReferralParty.Target, By("client:legacy", Pantry, 1, "fhir"));
        Assert.Equal((ReferralStatus.Requested, T0.AddHours(1)), (referral.Status, referral.ReceivedAt!.Value));
        referral.Move(ReferralStatus.Accepted, ReferralParty.Target, By("client:legacy", Pantry, 2, "fhir"));

        Assert.Contains("before it is accepted", Assert.Throws<DomainRuleException>(() => referral.AcknowledgeReceived(ReferralParty.Target, By("client:legacy", Pantry, 3))).Message);
        Assert.Contains("Only the organization the referral was sent to", Assert.Throws<DomainRuleException>(() => InStatus(ReferralStatus.Requested).AcknowledgeReceived(ReferralParty.Requester, By("user:nav", Clinic, 1))).Message);
    }

    [Fact]
    public void Only_the_receiving_side_assigns_and_logs_contact_and_not_once_closed()
    {
        Assert.Contains("Only the organization the referral was sent to may assign it", Assert.Throws<DomainRuleException>(() => InStatus(ReferralStatus.Requested).Assign(ReferralParty.Requester, By("user:nav", Clinic, 1), "user:x")).Message);
        Assert.Contains("closed", Assert.Throws<DomainRuleException>(() => InStatus(ReferralStatus.Completed).Assign(ReferralParty.Target, By("user:cbo", Pantry, 1), "user:x")).Message);
        Assert.Contains("on an accepted referral", Assert.Throws<DomainRuleException>(() => InStatus(ReferralStatus.Requested).LogContactAttempt(ReferralParty.Target, By("user:cbo", Pantry, 1), false)).Message);
    }

    [Fact]
    public void The_sender_of_an_informational_referral_records_what_the_person_did()
    {
        var referral = Referral.Send(new ReferralId("r-2"), Details(ReferralKind.Informational), By("user:nav", Clinic, 0));
        referral.Move(ReferralStatus.Accepted, ReferralParty.Requester, By("user:nav", Clinic, 24));
        referral.Complete(ReferralParty.Requester, By("user:nav", Clinic, 72), new ServiceDelivered(null, "Food pantry visit"), NeedMet.Yes);
        Assert.Equal(ReferralStatus.Completed, referral.Status);

        var direct = InStatus(ReferralStatus.Requested);
        Assert.Throws<DomainRuleException>(() => direct.Move(ReferralStatus.Accepted, ReferralParty.Requester, By("user:nav", Clinic, 24)));
    }

    public static TheoryData<ReferralKind, OrganizationId?, string?, string> BadSends => new()
    {
        { ReferralKind.Direct, null, null, "names the organization on Braid" },
        { ReferralKind.Direct, new OrganizationId("clinic"), null, "another organization" },
        { ReferralKind.External, null, null, "email address its link goes to" },
        { ReferralKind.Informational, new OrganizationId("pantry"), null, "Only a direct referral" },
    };

    [Theory, MemberData(nameof(BadSends))]
    public void A_referral_that_does_not_say_where_it_goes_is_not_sent(ReferralKind kind, OrganizationId? to, string? email, string rule)
    {
        var details = Details(kind) with { To = to, ExternalEmail = email };
        Assert.Contains(rule, Assert.Throws<DomainRuleException>(() => Referral.Send(new ReferralId("r-3"), details, By("user:nav", Clinic, 0))).Message);
        Assert.Contains("not completed", Assert.Throws<DomainRuleException>(() => Referral.Send(new ReferralId("r-3"), Details(), By("user:nav", Clinic, 0), ReferralStatus.Completed)).Message);
    }

    [Fact]
    public void A_history_that_does_not_begin_with_the_sending_or_skips_a_version_is_refused()
    {
        var sent = new ReferralSent(1, By("user:nav", Clinic, 0), Details(), ReferralStatus.Requested);
        var accepted = new ReferralStatusChanged(3, By("user:cbo", Pantry, 1), ReferralStatus.Accepted, null, null, null);
        Assert.Throws<InvalidOperationException>(() => Referral.FromHistory(new ReferralId("r"), [sent, accepted]));
        Assert.Throws<InvalidOperationException>(() => Referral.FromHistory(new ReferralId("r"), [accepted with { Version = 1 }]));
        Assert.Throws<InvalidOperationException>(() => Referral.FromHistory(new ReferralId("r"), []));
    }

    [Fact]
    public void The_party_of_an_actor_is_the_side_their_organizations_are_on()
    {
        var referral = InStatus(ReferralStatus.Requested);
        Assert.Equal(ReferralParty.Requester, referral.PartyOf([Clinic]));
        Assert.Equal(ReferralParty.Target, referral.PartyOf([new OrganizationId("other"), Pantry]));
        Assert.Equal(ReferralParty.Requester | ReferralParty.Target, referral.PartyOf([Clinic, Pantry]));
        Assert.Null(referral.PartyOf([new OrganizationId("other")]));
    }
}
