using Braid.Core.Referrals;

namespace Braid.Data.Referrals;

/// <summary>A referral's current state (the fold of its events), for queries: inbox, the person's referrals, outcomes.</summary>
public sealed class ReferralRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string NeedId { get; set; } = "";
    public string NeedCategory { get; set; } = "";
    public string Kind { get; set; } = "";
    public string FromOrganization { get; set; } = "";
    public string? ToOrganization { get; set; }
    public string? ServiceAtLocationId { get; set; }
    public string ServiceName { get; set; } = "";
    /// <summary>The FHIR Task.status code.</summary>
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public int? WaitlistPosition { get; set; }
    public string? Assignee { get; set; }
    public string? NeedMet { get; set; }
    /// <summary>The number of events; an update expecting another has lost a race.</summary>
    public int Version { get; set; }
    public string SentBy { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FirstContactAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? IdempotencyKey { get; set; }
}

/// <summary>One event of a referral's history: who, for which organization, when, through what, and the event itself as JSON.</summary>
public sealed class ReferralEventRow
{
    public string CommunityId { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public int Version { get; set; }
    public string Type { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string? OrganizationId { get; set; }
    public string Channel { get; set; } = "";
    /// <summary>The status the event left, when it set one.</summary>
    public string? Status { get; set; }
    public string Data { get; set; } = "{}";
}

/// <summary>A link emailed to answer a referral without an account: only its token's hash, what it is for, to whom, until when, and when it was used.</summary>
public sealed class ReferralLinkRow
{
    public string CommunityId { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public string ReferralId { get; set; } = "";

    /// <summary>answer, close or follow-up.</summary>
    public string Purpose { get; set; } = "";
    public string Recipient { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A person's feedback on a closed referral, as stored (<see cref="Core.Referrals.ReferralFeedback"/>); answers are their codes, empty when not given.</summary>
public sealed class ReferralFeedbackRow
{
    public string CommunityId { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public string PersonId { get; set; } = "";

    /// <summary>The organization the referral went to, whose aggregate this counts in.</summary>
    public string? ToOrganization { get; set; }
    public string? Helpful { get; set; }
    public string? Respectful { get; set; }
    public string? InLanguage { get; set; }
    public string? NeedMet { get; set; }
    public string? Text { get; set; }

    /// <summary>portal or link.</summary>
    public string Channel { get; set; } = "";
    public DateTimeOffset GivenAt { get; set; }
}

/// <summary>Service levels applied to stored referrals.</summary>
public static class ReferralSlaRows
{
    /// <summary>The deadline a stored referral works towards now; none once it is closed.</summary>
    public static Deadline? Next(this ReferralSla sla, ReferralRow row) =>
        ReferralWorkflow.FromCode(row.Status) is { } status && Enum.TryParse<ReferralKind>(row.Kind, ignoreCase: true, out var kind)
            ? sla.Next(kind, status, row.SentAt, row.FirstContactAt)
            : null;
}
