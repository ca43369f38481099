using Braid.Core.People;

namespace Braid.Core.Referrals;

public enum NoticeChannel { Email, Sms }

/// <summary>
/// What the person is told of a change to their referral, through which channel and in which
/// language. A text message says only that there is news: a phone's lock screen is no place for
/// what help someone asked for, so the service is named in email alone.
/// </summary>
public sealed record PersonNotice(NoticeChannel Channel, string To, string Language, ReferralStatus Status, string? ServiceName)
{
    /// <summary>The statuses a person hears about: sent, accepted or declined, waitlisted, and every close.</summary>
    public static readonly IReadOnlySet<ReferralStatus> Announced = new HashSet<ReferralStatus>
    {
        ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.Rejected, ReferralStatus.OnHold,
        ReferralStatus.Completed, ReferralStatus.Cancelled, ReferralStatus.Failed,
    };

    /// <summary>The notice the referral's new events call for, if any: its status changed to one announced, and the person can be reached.</summary>
    public static PersonNotice? For(Referral referral, Person person) =>
        !Announces(referral) ? null
        : Reach(person) is not { } reach ? null
            : new PersonNotice(reach.Channel, reach.To, reach.Language, referral.Status, reach.Channel == NoticeChannel.Email ? referral.Details.ServiceName : null);

    /// <summary>Whether the referral's new events are news for the person: its status changed to one announced.</summary>
    public static bool Announces(Referral referral) =>
        Announced.Contains(referral.Status) && referral.NewEvents.Any(e => e is ReferralSent { Status: ReferralStatus.Requested } or ReferralStatusChanged or ReferralCompleted);

    /// <summary>How Braid reaches the person: by the channel they prefer when it is on file, otherwise email, then text; null when neither is.</summary>
    public static (NoticeChannel Channel, string To, string Language)? Reach(Person person)
    {
        var language = person.Language is "es" ? "es" : "en";
        var email = string.IsNullOrWhiteSpace(person.Email) ? null : person.Email;
        var phone = string.IsNullOrWhiteSpace(person.Phone) ? null : person.Phone;
        return person.PreferredChannel switch
        {
            ContactChannel.Text when phone is not null => (NoticeChannel.Sms, phone, language),
            _ when email is not null => (NoticeChannel.Email, email, language),
            _ when phone is not null => (NoticeChannel.Sms, phone, language),
            _ => null,
        };
    }
}
