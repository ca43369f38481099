using Braid.Core.People;

namespace Braid.Core.Referrals;

/// <summary>
/// How a referral reaches the service: <c>Direct</c> to an organization on Braid, which works it in
/// its inbox; <c>Informational</c>, the person contacts the service themself and the navigator
/// follows up; <c>External</c>, an organization not on Braid answers through a secure emailed link.
/// </summary>
public enum ReferralKind { Direct, Informational, External }

/// <summary>What a referral is for and between whom, fixed when it is sent.</summary>
public sealed record ReferralDetails
{
    public required PersonId Person { get; init; }

    /// <summary>The person's need it is for, and that need's Gravity SDOH category.</summary>
    public required string Need { get; init; }
    public required string NeedCategory { get; init; }
    public required ReferralKind Kind { get; init; }

    /// <summary>The organization that sent it (the requester).</summary>
    public required OrganizationId From { get; init; }

    /// <summary>The organization on Braid it was sent to; none for an external or informational referral.</summary>
    public OrganizationId? To { get; init; }
    public ServiceAtLocationId? Service { get; init; }
    public required string ServiceName { get; init; }

    /// <summary>The SNOMED CT code of the service requested, when the requester coded it (ServiceRequest.code).</summary>
    public string? ServiceCode { get; init; }

    /// <summary>The service's capacity as its listing stated it when the referral was sent.</summary>
    public ServiceCapacity? Capacity { get; init; }

    /// <summary>An external referral's organization and the address its secure link is sent to.</summary>
    public string? ExternalOrganization { get; init; }
    public string? ExternalEmail { get; init; }

    /// <summary>The categories of the person's data the referral shares with the receiving side.</summary>
    public required IReadOnlySet<DataCategory> Shared { get; init; }
    public string? Note { get; init; }

    /// <summary>
    /// The referral this one fulfils, when the organization it was sent to coordinates and passes
    /// it on (the IG's indirect flow: a filler order, its Task part of the requester's).
    /// </summary>
    public ReferralId? Parent { get; init; }
}

/// <summary>The capacity a service's listing stated (such as "40 per week"), and when its organization last confirmed the listing.</summary>
public sealed record ServiceCapacity(string? Stated, string? AsOf);

/// <summary>Who did something to a referral, for which organization, when, and through what (page, fhir, email link).</summary>
public sealed record Stamp(string By, OrganizationId? Organization, DateTimeOffset At, string Channel);

/// <summary>Something that happened to a referral; its version is its place in the referral's history, 1 first.</summary>
public abstract record ReferralEvent(int Version, Stamp Stamp);

public sealed record ReferralSent(int Version, Stamp Stamp, ReferralDetails Details, ReferralStatus Status) : ReferralEvent(Version, Stamp);

public sealed record ReferralStatusChanged(int Version, Stamp Stamp, ReferralStatus Status, ReferralReason? Reason, string? Note, int? WaitlistPosition) : ReferralEvent(Version, Stamp);

/// <summary>A legacy partner's "received": the referral reached them; its status stays requested.</summary>
public sealed record ReferralReceived(int Version, Stamp Stamp) : ReferralEvent(Version, Stamp);

public sealed record ReferralAssigned(int Version, Stamp Stamp, string? Assignee) : ReferralEvent(Version, Stamp);

public sealed record ReferralContactAttempted(int Version, Stamp Stamp, bool Reached, string? Note) : ReferralEvent(Version, Stamp);

public sealed record ReferralCompleted(int Version, Stamp Stamp, ServiceDelivered Service, NeedMet? NeedMet, string? Note) : ReferralEvent(Version, Stamp);

/// <summary>
/// A closed-loop referral: a person sent, for one of their needs, to a service. Its status follows
/// the Gravity referral Task's state machine (<see cref="ReferralWorkflow"/>); every change is an
/// appended event and the referral is always the fold of its events. For an informational
/// referral the sending side records what the receiving side would (the person went, was helped).
/// </summary>
public sealed class Referral
{
    private readonly List<ReferralEvent> _history = [];
    private int _stored;

    private Referral(ReferralId id) => Id = id;

    public ReferralId Id { get; }
    public ReferralDetails Details { get; private set; } = null!;
    public ReferralStatus Status { get; private set; }
    public ReferralReason? Reason { get; private set; }
    public string? ReasonNote { get; private set; }
    public int? WaitlistPosition { get; private set; }
    public string? Assignee { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public int ContactAttempts { get; private set; }
    public DateTimeOffset? FirstContactAt { get; private set; }
    public ServiceDelivered? ServiceDelivered { get; private set; }
    public NeedMet? NeedMet { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset SentAt => _history[0].Stamp.At;
    public DateTimeOffset UpdatedAt => _history[^1].Stamp.At;

    /// <summary>How many events it has had: the ETag a concurrent update must match.</summary>
    public int Version => _history.Count;

    public IReadOnlyList<ReferralEvent> History => _history;

    /// <summary>The events since it was loaded or sent, oldest first: what a save appends.</summary>
    public IReadOnlyList<ReferralEvent> NewEvents => _history[_stored..];

    /// <summary>A new referral, requested (or a draft the sender will request later).</summary>
    public static Referral Send(ReferralId id, ReferralDetails details, Stamp stamp, ReferralStatus status = ReferralStatus.Requested)
    {
        if (!ReferralWorkflow.Initial.Contains(status)) throw new DomainRuleException($"A referral is sent as draft or requested, not {status.Code()}.");
        if (details.Kind == ReferralKind.Direct && details.To is null) throw new DomainRuleException("A direct referral names the organization on Braid it is sent to.");
        if (details.Kind == ReferralKind.External && (string.IsNullOrWhiteSpace(details.ExternalOrganization) || string.IsNullOrWhiteSpace(details.ExternalEmail)))
            throw new DomainRuleException("An external referral names the organization it is sent to and the email address its link goes to.");
        if (details.Kind != ReferralKind.Direct && details.To is not null) throw new DomainRuleException($"Only a direct referral is sent to an organization on Braid; this one is {details.Kind.ToString().ToLowerInvariant()}.");
        if (details.To == details.From) throw new DomainRuleException("A referral is sent to another organization than the one sending it.");

        var referral = new Referral(id);
        referral.Add(new ReferralSent(1, stamp, details, status));
        return referral;
    }

    /// <summary>A referral rebuilt from its stored events; <see cref="NewEvents"/> is empty.</summary>
    public static Referral FromHistory(ReferralId id, IEnumerable<ReferralEvent> history)
    {
        var referral = new Referral(id);
        foreach (var e in history)
        {
            if (e.Version != referral.Version + 1 || (e is ReferralSent) != (e.Version == 1))
                throw new InvalidOperationException($"Referral {id}'s history is broken at version {e.Version}: it must begin with its sending and number its events 1, 2, 3…");
            referral.Add(e);
        }

        if (referral.Version == 0) throw new InvalidOperationException($"Referral {id} has no history.");
        referral._stored = referral.Version;
        return referral;
    }

    /// <summary>Which side an actor of these organizations is on; none when they are on neither. A draft is its sender's alone until it is requested.</summary>
    public ReferralParty? PartyOf(IEnumerable<OrganizationId> organizations)
    {
        var orgs = organizations.ToHashSet();
        ReferralParty party = 0;
        if (orgs.Contains(Details.From)) party |= ReferralParty.Requester;
        if (Details.To is { } to && orgs.Contains(to) && Status != ReferralStatus.Draft) party |= ReferralParty.Target;
        return party == 0 ? null : party;
    }

    /// <summary>
    /// Moves the referral to another status. A status the IG expects a reason for (rejected,
    /// cancelled, on hold, failed) needs a coded reason or a note; a waitlist (on hold, waitlisted)
    /// needs the person's position. Completion goes through <see cref="Complete"/>.
    /// </summary>
    public void Move(ReferralStatus to, ReferralParty party, Stamp stamp, ReferralReason? reason = null, string? note = null, int? waitlistPosition = null)
    {
        if (to == ReferralStatus.Completed) throw new DomainRuleException("A referral is completed with the service delivered and whether the need was met.");
        Require(ReferralWorkflow.Refusal(Status, to, ActsAs(party)));
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (ReferralWorkflow.ExpectsReason(to) && reason is null && note is null)
            throw new DomainRuleException($"A referral set to {to.Code()} needs a reason: the IG expects Task.statusReason to say why.");
        if (reason is not null && !ReferralWorkflow.ExpectsReason(to))
            throw new DomainRuleException($"A reason is given when a referral is rejected, cancelled, put on hold or failed, not when it becomes {to.Code()}.");
        if (reason == ReferralReason.Other && note is null) throw new DomainRuleException("The reason \"other\" needs a note saying what it is.");
        if ((reason == ReferralReason.Waitlisted) != (to == ReferralStatus.OnHold && waitlistPosition is not null) || waitlistPosition is < 1)
            throw new DomainRuleException("A waitlisted referral is on hold with the person's place on the waitlist (1 or more), and only a waitlisted one has a place.");

        Add(new ReferralStatusChanged(Version + 1, stamp, to, reason, note, waitlistPosition));
    }

    /// <summary>The service was given: the referral is completed with what was delivered and whether the need was met (unknown when a partner does not say).</summary>
    public void Complete(ReferralParty party, Stamp stamp, ServiceDelivered service, NeedMet? needMet, string? note = null)
    {
        Require(ReferralWorkflow.Refusal(Status, ReferralStatus.Completed, ActsAs(party)));
        if (string.IsNullOrWhiteSpace(service.Display) && string.IsNullOrWhiteSpace(service.Procedure)) throw new DomainRuleException("A completed referral says what service was delivered.");
        Add(new ReferralCompleted(Version + 1, stamp, service, needMet, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
    }

    /// <summary>A legacy partner's "received": acknowledged while the referral is requested, never a status of its own.</summary>
    public void AcknowledgeReceived(ReferralParty party, Stamp stamp)
    {
        RequireTarget(party, "acknowledge it");
        if (Status != ReferralStatus.Requested) throw new DomainRuleException($"A referral is received before it is accepted or rejected; this one is {Status.Code()}.");
        Add(new ReferralReceived(Version + 1, stamp));
    }

    /// <summary>The receiving organization gives the referral to one of its workers (null: to nobody).</summary>
    public void Assign(ReferralParty party, Stamp stamp, string? assignee)
    {
        RequireTarget(party, "assign it");
        RequireOpen("assigned");
        Add(new ReferralAssigned(Version + 1, stamp, string.IsNullOrWhiteSpace(assignee) ? null : assignee));
    }

    /// <summary>The receiving organization tried to reach the person, and did or did not.</summary>
    public void LogContactAttempt(ReferralParty party, Stamp stamp, bool reached, string? note = null)
    {
        RequireTarget(party, "log a contact attempt");
        if (Status is not (ReferralStatus.Accepted or ReferralStatus.InProgress or ReferralStatus.OnHold))
            throw new DomainRuleException($"Contact attempts are logged on an accepted referral; this one is {Status.Code()}.");
        Add(new ReferralContactAttempted(Version + 1, stamp, reached, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
    }

    /// <summary>The sides a party acts for: the sending side of an informational referral records what the person did, so it acts for the service too.</summary>
    public ReferralParty ActsAs(ReferralParty party) =>
        Details.Kind == ReferralKind.Informational && party.HasFlag(ReferralParty.Requester) ? party | ReferralParty.Target : party;

    private void RequireTarget(ReferralParty party, string what)
    {
        if (!ActsAs(party).HasFlag(ReferralParty.Target)) throw new DomainRuleException($"Only the organization the referral was sent to may {what}.");
    }

    private void RequireOpen(string what)
    {
        if (Status.IsClosed()) throw new DomainRuleException($"A {Status.Code()} referral is closed and cannot be {what}.");
    }

    private static void Require(string? refusal)
    {
        if (refusal is not null) throw new DomainRuleException(refusal);
    }

    private void Add(ReferralEvent e)
    {
        _history.Add(e);
        switch (e)
        {
            case ReferralSent sent:
                (Details, Status) = (sent.Details, sent.Status);
                break;
            case ReferralStatusChanged changed:
                (Status, Reason, ReasonNote, WaitlistPosition) = (changed.Status, changed.Reason, changed.Note, changed.WaitlistPosition);
                break;
            case ReferralCompleted completed:
                (Status, Reason, ReasonNote, WaitlistPosition) = (ReferralStatus.Completed, null, null, null);
                (ServiceDelivered, NeedMet) = (completed.Service, completed.NeedMet);
                break;
            case ReferralReceived:
                ReceivedAt ??= e.Stamp.At;
                break;
            case ReferralAssigned assigned:
                Assignee = assigned.Assignee;
                break;
            case ReferralContactAttempted:
                ContactAttempts++;
                FirstContactAt ??= e.Stamp.At;
                break;
        }

        ClosedAt = Status.IsClosed() ? ClosedAt ?? e.Stamp.At : null;
    }
}
