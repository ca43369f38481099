namespace Braid.Core.Referrals;

public enum DeadlineKind { Accept, FirstContact, Close, FollowUp }

/// <summary>Who is told of a missed deadline, in turn as it stays missed.</summary>
public enum EscalationLevel { Worker, OrganizationAdmin, CommunityAdmin }

/// <summary>The next deadline an open referral must meet, and when.</summary>
public sealed record Deadline(DeadlineKind Kind, DateTimeOffset Due, TimeSpan Allowed)
{
    public bool IsMissed(DateTimeOffset now) => now > Due;

    /// <summary>
    /// Who hears of it: the worker once it is missed, the organization's administrator once it has
    /// been missed for as long again as was allowed, the community's administrator after twice that.
    /// </summary>
    public EscalationLevel? Escalation(DateTimeOffset now) => (now - Due) switch
    {
        var late when late <= TimeSpan.Zero => null,
        var late when late <= Allowed => EscalationLevel.Worker,
        var late when late <= 2 * Allowed => EscalationLevel.OrganizationAdmin,
        _ => EscalationLevel.CommunityAdmin,
    };
}

/// <summary>
/// A community's service levels for the referrals its organizations receive, counted from when a
/// referral was sent: answered (accepted or declined), first contact with the person, closed.
/// </summary>
public sealed record ReferralSla(TimeSpan Answer, TimeSpan FirstContact, TimeSpan Close)
{
    public static readonly ReferralSla Default = new(TimeSpan.FromHours(48), TimeSpan.FromHours(120), TimeSpan.FromDays(30));

    /// <summary>
    /// When a referral nobody has answered expires: once its answer deadline has been missed long
    /// enough to reach the community's administrator and then as long again (four answer windows
    /// after it was sent). Its sender is offered the next services that meet the need.
    /// </summary>
    public DateTimeOffset ExpiresAt(DateTimeOffset sent) => sent + 4 * Answer;

    /// <summary>
    /// The deadline the referral works towards now; none once it is closed (or still a draft). An
    /// informational referral has no receiving side to answer: the person is asked how it went
    /// once the service should have been in touch, and from then on its sender follows up.
    /// </summary>
    public Deadline? Next(ReferralKind kind, ReferralStatus status, DateTimeOffset sent, DateTimeOffset? firstContact)
    {
        if (status.IsClosed() || status == ReferralStatus.Draft) return null;
        if (kind == ReferralKind.Informational) return new Deadline(DeadlineKind.FollowUp, sent + FirstContact, FirstContact);
        if (status == ReferralStatus.Requested) return new Deadline(DeadlineKind.Accept, sent + Answer, Answer);
        return firstContact is null
            ? new Deadline(DeadlineKind.FirstContact, sent + FirstContact, FirstContact)
            : new Deadline(DeadlineKind.Close, sent + Close, Close);
    }
}
