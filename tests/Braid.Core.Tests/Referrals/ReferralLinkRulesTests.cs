using Braid.Core.People;
using Braid.Core.Referrals;
using static Braid.Core.Referrals.ReferralStatus;

namespace Braid.Core.Tests.Referrals;

public sealed class ReferralLinkRulesTests
{
    private static readonly DateTimeOffset T0 = ReferralTests.T0;
    private static readonly Stamp Holder = new("link:intake@saint-anne.example", null, T0.AddHours(5), "email-link");

    private static Referral Sent(ReferralKind kind) => Referral.Send(new ReferralId("r-1"), new ReferralDetails
    {
        Person = new PersonId("p-1"), Need = "need-1", NeedCategory = "food-insecurity", Kind = kind, From = new OrganizationId("clinic"),
        To = kind == ReferralKind.Direct ? new OrganizationId("pantry") : null, ServiceName = "Emergency groceries",
        ExternalOrganization = kind == ReferralKind.External ? "Saint Anne's" : null, ExternalEmail = kind == ReferralKind.External ? "intake@saint-anne.example" : null,
        Shared = new HashSet<DataCategory>(),
    }, new Stamp("user:nav", new OrganizationId("clinic"), T0, "page"));

    private static string[] Steps(Referral referral) =>
        [.. referral.History.Skip(1).Select(e => e switch { ReferralCompleted c => "completed:" + c.NeedMet!.Value.Code(), ReferralStatusChanged c => c.Status.Code(), _ => "?" })];

    [Fact]
    public void An_external_organization_accepts_or_declines_through_its_answer_link_and_then_closes_through_its_close_link()
    {
        var accepted = Sent(ReferralKind.External);
        ReferralLinkRules.Apply(accepted, ReferralLinkPurpose.Answer, new LinkAnswer(Accepted), Holder);
        Assert.Equal(["accepted"], Steps(accepted));
        Assert.False(ReferralLinkRules.Awaits(ReferralLinkPurpose.Answer, accepted));
        Assert.True(ReferralLinkRules.Awaits(ReferralLinkPurpose.Close, accepted));
        ReferralLinkRules.Apply(accepted, ReferralLinkPurpose.Close, new LinkAnswer(Completed, NeedMet: NeedMet.Partly), Holder);
        Assert.Equal(["accepted", "completed:partly"], Steps(accepted));
        Assert.Equal("Emergency groceries", accepted.ServiceDelivered!.Name);

        var declined = Sent(ReferralKind.External);
        ReferralLinkRules.Apply(declined, ReferralLinkPurpose.Answer, new LinkAnswer(Rejected, ReferralReason.OutOfArea), Holder);
        Assert.Equal((Rejected, ReferralReason.OutOfArea), (declined.Status, declined.Reason));
        Assert.False(ReferralLinkRules.Awaits(ReferralLinkPurpose.Close, declined));
    }

    [Theory]
    [InlineData(ReferralLinkPurpose.Answer, ReferralKind.Direct, "nothing left to answer")]
    [InlineData(ReferralLinkPurpose.Answer, ReferralKind.Informational, "nothing left to answer")]
    [InlineData(ReferralLinkPurpose.Close, ReferralKind.External, "nothing left to answer")]
    [InlineData(ReferralLinkPurpose.FollowUp, ReferralKind.External, "nothing left to answer")]
    public void A_link_answers_only_the_referral_it_was_issued_for_while_it_waits_for_that(ReferralLinkPurpose purpose, ReferralKind kind, string refusal)
    {
        var referral = Sent(kind);
        Assert.Contains(refusal, Assert.Throws<DomainRuleException>(() => ReferralLinkRules.Apply(referral, purpose, new LinkAnswer(Accepted), Holder)).Message);
        Assert.Equal(1, referral.Version);
    }

    [Fact]
    public void Each_link_offers_only_its_own_answers_and_the_rules_of_the_workflow_still_hold()
    {
        var referral = Sent(ReferralKind.External);
        Assert.Contains("sets a referral to accepted or rejected, not completed",
            Assert.Throws<DomainRuleException>(() => ReferralLinkRules.Apply(referral, ReferralLinkPurpose.Answer, new LinkAnswer(Completed, NeedMet: NeedMet.Yes), Holder)).Message);
        Assert.Contains("needs a reason", Assert.Throws<DomainRuleException>(() => ReferralLinkRules.Apply(referral, ReferralLinkPurpose.Answer, new LinkAnswer(Rejected), Holder)).Message);
        Assert.Equal((Requested, 1), (referral.Status, referral.Version));

        ReferralLinkRules.Apply(referral, ReferralLinkPurpose.Answer, new LinkAnswer(Accepted), Holder);
        Assert.Contains("whether the need was met", Assert.Throws<DomainRuleException>(() => ReferralLinkRules.Apply(referral, ReferralLinkPurpose.Close, new LinkAnswer(Completed), Holder)).Message);
        ReferralLinkRules.Apply(referral, ReferralLinkPurpose.Close, new LinkAnswer(Failed, ReferralReason.UnableToContact), Holder);
        Assert.Equal(["accepted", "failed"], Steps(referral));
    }

    [Theory]
    [InlineData(Completed, null, NeedMet.Yes, "accepted,completed:yes")]
    [InlineData(Failed, ReferralReason.UnableToContact, null, "accepted,failed")]
    [InlineData(Cancelled, ReferralReason.GotHelpElsewhere, null, "cancelled")]
    public void A_person_says_how_an_informational_referral_went(ReferralStatus status, ReferralReason? reason, NeedMet? met, string steps)
    {
        var referral = Sent(ReferralKind.Informational);
        ReferralLinkRules.Apply(referral, ReferralLinkPurpose.FollowUp, new LinkAnswer(status, reason, met), Holder with { By = "person:p-1" });
        Assert.Equal(steps, string.Join(',', Steps(referral)));
        Assert.Equal(status, Referral.FromHistory(referral.Id, referral.History).Status);
    }

    [Fact]
    public void Links_last_as_long_as_the_communitys_service_levels_allow()
    {
        var sla = new ReferralSla(TimeSpan.FromHours(24), TimeSpan.FromHours(72), TimeSpan.FromDays(14));
        var issued = T0.AddDays(2);
        Assert.Equal(T0.AddHours(96), ReferralLinkRules.ExpiresAt(ReferralLinkPurpose.Answer, sla, issued, T0));
        Assert.Equal(issued.AddDays(14), ReferralLinkRules.ExpiresAt(ReferralLinkPurpose.Close, sla, issued, T0));
        Assert.Equal(T0.AddHours(72), ReferralLinkRules.FollowUpAt(sla, T0));
        Assert.Equal(ReferralLinkPurpose.FollowUp, ReferralLinkRules.FromCode(ReferralLinkRules.Code(ReferralLinkPurpose.FollowUp)));
        Assert.Null(ReferralLinkRules.FromCode("open-sesame"));
    }
}
