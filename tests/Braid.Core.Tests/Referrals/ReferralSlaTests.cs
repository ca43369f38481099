using Braid.Core.Referrals;

namespace Braid.Core.Tests.Referrals;

/// <summary>A community's service levels: which deadline an open referral works towards, and who hears when it is missed.</summary>
public sealed class ReferralSlaTests
{
    private static readonly DateTimeOffset Sent = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReferralSla Sla = new(TimeSpan.FromHours(48), TimeSpan.FromHours(120), TimeSpan.FromDays(30));

    public static TheoryData<ReferralKind, ReferralStatus, bool, DeadlineKind?, int> Deadlines => new()
    {
        { ReferralKind.Direct, ReferralStatus.Draft, false, null, 0 },
        { ReferralKind.Direct, ReferralStatus.Requested, false, DeadlineKind.Accept, 48 },
        { ReferralKind.External, ReferralStatus.Requested, false, DeadlineKind.Accept, 48 },
        { ReferralKind.Direct, ReferralStatus.Accepted, false, DeadlineKind.FirstContact, 120 },
        { ReferralKind.Direct, ReferralStatus.OnHold, false, DeadlineKind.FirstContact, 120 },
        { ReferralKind.Direct, ReferralStatus.InProgress, true, DeadlineKind.Close, 720 },
        { ReferralKind.Direct, ReferralStatus.Completed, true, null, 0 },
        { ReferralKind.Direct, ReferralStatus.Rejected, false, null, 0 },
        // Nobody answers an informational referral: the person is asked how it went once the service should have been in touch.
        { ReferralKind.Informational, ReferralStatus.Requested, false, DeadlineKind.FollowUp, 120 },
        { ReferralKind.Informational, ReferralStatus.Accepted, false, DeadlineKind.FollowUp, 120 },
        { ReferralKind.Informational, ReferralStatus.Completed, false, null, 0 },
    };

    [Theory, MemberData(nameof(Deadlines))]
    public void An_open_referral_works_towards_answering_then_first_contact_then_closing(ReferralKind referralKind, ReferralStatus status, bool contacted, DeadlineKind? kind, int hours)
    {
        var deadline = Sla.Next(referralKind, status, Sent, contacted ? Sent.AddHours(30) : null);
        Assert.Equal(kind, deadline?.Kind);
        if (deadline is not null) Assert.Equal(Sent.AddHours(hours), deadline.Due);
    }

    [Theory]
    [InlineData(47, null)]
    [InlineData(48, null)]
    [InlineData(49, EscalationLevel.Worker)]
    [InlineData(96, EscalationLevel.Worker)]
    [InlineData(97, EscalationLevel.OrganizationAdmin)]
    [InlineData(144, EscalationLevel.OrganizationAdmin)]
    [InlineData(145, EscalationLevel.CommunityAdmin)]
    public void A_missed_answer_goes_to_the_worker_then_the_organizations_admin_then_the_communitys(int hoursAfterSending, EscalationLevel? expected)
    {
        var deadline = Sla.Next(ReferralKind.Direct, ReferralStatus.Requested, Sent, null)!;
        Assert.Equal(expected, deadline.Escalation(Sent.AddHours(hoursAfterSending)));
        Assert.Equal(expected is not null, deadline.IsMissed(Sent.AddHours(hoursAfterSending)));
    }
}
