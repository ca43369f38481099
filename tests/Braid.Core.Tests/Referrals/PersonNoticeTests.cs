using Braid.Core.People;
using Braid.Core.Referrals;

namespace Braid.Core.Tests.Referrals;

/// <summary>Who the person hears from, how and in which language; a text never says what help was asked for.</summary>
public sealed class PersonNoticeTests
{
    private static readonly Person Ana = new()
    {
        Id = new PersonId("p-1"), RegisteredBy = new OrganizationId("clinic"), GivenName = "Ana", Email = "ana@example.org", Phone = "410-555-0123", Language = "es",
    };

    public static TheoryData<ContactChannel?, bool, bool, NoticeChannel?> Channels => new()
    {
        { ContactChannel.Text, true, true, NoticeChannel.Sms },
        { ContactChannel.Email, true, true, NoticeChannel.Email },
        { ContactChannel.Text, true, false, NoticeChannel.Email },
        { ContactChannel.Phone, true, true, NoticeChannel.Email },
        { ContactChannel.Mail, false, true, NoticeChannel.Sms },
        { null, false, false, null },
    };

    [Theory, MemberData(nameof(Channels))]
    public void The_person_is_reached_by_the_channel_they_prefer_when_it_can_carry_the_notice(ContactChannel? preferred, bool email, bool phone, NoticeChannel? expected)
    {
        var person = Ana with { PreferredChannel = preferred, Email = email ? Ana.Email : null, Phone = phone ? Ana.Phone : null };
        Assert.Equal(expected, PersonNotice.For(Changed(ReferralStatus.Accepted), person)?.Channel);
    }

    [Fact]
    public void A_text_names_no_service_an_email_does_and_both_are_in_the_persons_language()
    {
        var referral = Changed(ReferralStatus.Requested);
        var text = PersonNotice.For(referral, Ana with { PreferredChannel = ContactChannel.Text })!;
        var email = PersonNotice.For(referral, Ana with { PreferredChannel = ContactChannel.Email })!;
        Assert.Equal((NoticeChannel.Sms, (string?)null, "es"), (text.Channel, text.ServiceName, text.Language));
        Assert.Equal((NoticeChannel.Email, "Food pantry", "es"), (email.Channel, email.ServiceName, email.Language));
        Assert.Equal("en", PersonNotice.For(referral, Ana with { Language = "vi" })!.Language);
    }

    [Theory]
    [InlineData(ReferralStatus.Draft, false)]
    [InlineData(ReferralStatus.Requested, true)]
    [InlineData(ReferralStatus.InProgress, false)]
    [InlineData(ReferralStatus.Rejected, true)]
    [InlineData(ReferralStatus.EnteredInError, false)]
    public void Only_a_change_to_a_status_the_person_cares_about_is_announced(ReferralStatus status, bool announced)
    {
        Assert.Equal(announced, PersonNotice.For(Changed(status), Ana) is not null);
        Assert.Null(PersonNotice.For(ReferralTests.Rebuilt(Changed(status)), Ana));
    }

    /// <summary>A referral just sent as a draft or requested, or a requested one just moved on to the status (the change a new event, as when it happens).</summary>
    private static Referral Changed(ReferralStatus status)
    {
        var stored = ReferralTests.InStatus(ReferralStatus.Requested);
        if (status is ReferralStatus.Draft or ReferralStatus.Requested) return Referral.Send(stored.Id, stored.Details, stored.History[0].Stamp, status);
        var stamp = new Stamp("user:cbo", new OrganizationId("pantry"), ReferralTests.T0.AddHours(1), "page");
        if (status == ReferralStatus.InProgress) stored.Move(ReferralStatus.Accepted, ReferralParty.Target, stamp);
        if (status == ReferralStatus.EnteredInError) stored.Move(status, ReferralParty.Requester, stamp with { By = "user:nav" });
        else stored.Move(status, ReferralParty.Target, stamp, ReferralWorkflow.ExpectsReason(status) ? ReferralReason.NoCapacity : null);
        return stored;
    }
}
