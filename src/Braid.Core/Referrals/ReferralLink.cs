using static Braid.Core.Referrals.ReferralStatus;

namespace Braid.Core.Referrals;

/// <summary>
/// What an emailed link lets its holder do without an account: an organization not on Braid
/// answers an external referral (accepts or declines it) and, once it accepted, closes it; a person
/// sent to a service informationally says how it went.
/// </summary>
public enum ReferralLinkPurpose { Answer, Close, FollowUp, Feedback }

/// <summary>What a link's holder answered: the status to set, the coded reason for a decline or a failure, whether the need was met, and a note.</summary>
public sealed record LinkAnswer(ReferralStatus Status, ReferralReason? Reason = null, NeedMet? NeedMet = null, string? Note = null);

/// <summary>
/// The rules of referral links: what each link may answer, while the referral still waits for
/// it, and for how long. The holder acts for the side the referral was sent to: the external
/// organization, or the person who went to the service on their own.
/// </summary>
public static class ReferralLinkRules
{
    private static readonly Dictionary<ReferralLinkPurpose, string> Codes = new()
    {
        [ReferralLinkPurpose.Answer] = "answer", [ReferralLinkPurpose.Close] = "close", [ReferralLinkPurpose.FollowUp] = "follow-up", [ReferralLinkPurpose.Feedback] = "feedback",
    };

    public static string Code(ReferralLinkPurpose purpose) => Codes[purpose];

    public static ReferralLinkPurpose? FromCode(string? code) => Codes.FirstOrDefault(c => c.Value == code) is { Value: not null } hit ? hit.Key : null;

    /// <summary>The statuses a holder may choose, in the order a page offers them.</summary>
    public static IReadOnlyList<ReferralStatus> Answers(ReferralLinkPurpose purpose) => purpose switch
    {
        ReferralLinkPurpose.Answer => [Accepted, Rejected],
        ReferralLinkPurpose.Close => [Completed, Failed],
        ReferralLinkPurpose.Feedback => [],
        _ => [Completed, Failed, Cancelled],
    };

    /// <summary>Whether the referral still waits for what a link of this purpose answers; a referral closed or answered some other way does not.</summary>
    public static bool Awaits(ReferralLinkPurpose purpose, Referral referral) => purpose switch
    {
        ReferralLinkPurpose.Answer => referral.Details.Kind == ReferralKind.External && referral.Status == Requested,
        ReferralLinkPurpose.Close => referral.Details.Kind == ReferralKind.External && referral.Status is Accepted or InProgress or OnHold,
        ReferralLinkPurpose.Feedback => ReferralFeedback.IsAskedAfter(referral),
        _ => referral.Details.Kind == ReferralKind.Informational && referral.Status is Requested or Accepted or InProgress or OnHold,
    };

    /// <summary>The link the referral's work waits for now, if any (a person's feedback is asked for, never waited on).</summary>
    public static ReferralLinkPurpose? Awaited(Referral referral) =>
        Enum.GetValues<ReferralLinkPurpose>().Where(p => p != ReferralLinkPurpose.Feedback && Awaits(p, referral)).Cast<ReferralLinkPurpose?>().FirstOrDefault();

    /// <summary>
    /// How long a link is good for, from when it was issued: an answer link until the referral
    /// would expire unanswered, a close link and a follow-up as long as the community allows a
    /// referral to close.
    /// </summary>
    public static DateTimeOffset ExpiresAt(ReferralLinkPurpose purpose, ReferralSla sla, DateTimeOffset issued, DateTimeOffset sent) =>
        purpose == ReferralLinkPurpose.Answer ? sla.ExpiresAt(sent) : issued + sla.Close;

    /// <summary>When a person is asked how an informational referral went: once the service should have been in touch.</summary>
    public static DateTimeOffset FollowUpAt(ReferralSla sla, DateTimeOffset sent) => sent + sla.FirstContact;

    /// <summary>Records the holder's answer as the referral's events, or refuses it with the rule it breaks.</summary>
    public static void Apply(Referral referral, ReferralLinkPurpose purpose, LinkAnswer answer, Stamp stamp)
    {
        if (!Awaits(purpose, referral)) throw new DomainRuleException($"This link has nothing left to answer: the referral is {referral.Status.Code()}.");
        if (!Answers(purpose).Contains(answer.Status))
            throw new DomainRuleException($"This link sets a referral to {string.Join(" or ", Answers(purpose).Select(s => s.Code()))}, not {answer.Status.Code()}.");

        const ReferralParty party = ReferralParty.Target;
        if (answer.Status == Completed)
        {
            var met = answer.NeedMet ?? throw new DomainRuleException("Say whether the need was met: yes, partly or no.");
            if (referral.Status == Requested) referral.Move(Accepted, party, stamp);
            referral.Complete(party, stamp, new ServiceDelivered(null, referral.Details.ServiceName), met, answer.Note);
            return;
        }

        if (answer.Status == Failed && referral.Status == Requested) referral.Move(Accepted, party, stamp);
        referral.Move(answer.Status, party, stamp, answer.Reason, answer.Note);
    }
}
