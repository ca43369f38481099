namespace Braid.Data.People;

/// <summary>A person as stored: their whole record as JSON, and copies of what search and the equity engine use as columns.</summary>
public sealed class PersonRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string RegisteredBy { get; set; } = "";
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? PreferredName { get; set; }
    /// <summary>Family and given names folded to ASCII lower case, for search and blocking.</summary>
    public string NameKey { get; set; } = "";
    public string FamilySound { get; set; } = "";
    public string GivenSound { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? PhoneDigits { get; set; }
    public string? Email { get; set; }
    public string? Tract { get; set; }
    public string? Language { get; set; }
    /// <summary>"declined", null (not asked), or the selections joined by "|".</summary>
    public string? RaceEthnicity { get; set; }
    public string Details { get; set; } = "{}";
    /// <summary>The record this duplicate was merged into; the merge is undone by clearing it.</summary>
    public string? MergedInto { get; set; }
    public DateTimeOffset? MergedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A consent as stored; categories and purposes as comma-separated names.</summary>
public sealed class ConsentRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string GranteeKind { get; set; } = "";
    public string? GranteeValue { get; set; }
    public string Categories { get; set; } = "";
    public string Purposes { get; set; } = "";
    public DateTimeOffset StartAt { get; set; }
    public DateTimeOffset? EndAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string Method { get; set; } = "";
    public string? Witness { get; set; }
    public string Language { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A screening as stored: its responses as JSON (item LOINC → codes or declined).</summary>
public sealed class ScreeningRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Instrument { get; set; } = "";
    public string Status { get; set; } = "";
    public string Language { get; set; } = "";
    public string Responses { get; set; } = "{}";
    public string StartedBy { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed class NeedRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Category { get; set; } = "";
    public string? ScreeningId { get; set; }
    public string Status { get; set; } = "";
    public int? Rank { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class GoalRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string? NeedId { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The achievement statuses over time, as JSON.</summary>
    public string History { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One read or disclosure of a person's data: who, for what, under which consent or rule.</summary>
public sealed class DisclosureRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string? OrganizationId { get; set; }
    /// <summary>page, api, fhir or export.</summary>
    public string Channel { get; set; } = "";
    public string Categories { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string? ConsentId { get; set; }
    public string Reason { get; set; } = "";
    public bool BrokeGlass { get; set; }
}

/// <summary>A person's account on their own portal: the contact that opens it and the record it opens.</summary>
public sealed class PersonAccountRow
{
    public string CommunityId { get; set; } = "";
    /// <summary>The contact's key (<c>email:…</c> or <c>phone:…</c>).</summary>
    public string Contact { get; set; } = "";
    public string PersonId { get; set; } = "";
    /// <summary>Sessions carry it; a new one ends them all.</summary>
    public string SessionStamp { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SignedInAt { get; set; }
}

/// <summary>A one-time code sent to a contact, kept as a hash.</summary>
public sealed class PersonCodeRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Contact { get; set; } = "";
    /// <summary>sign-in, sign-up or claim.</summary>
    public string Purpose { get; set; } = "";
    /// <summary>The record a claim code lets its holder take over.</summary>
    public string? PersonId { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
