namespace Braid.Core;

// Ids of different things are different types, so a service id cannot be passed where an
// organization's is expected. They wrap the HSDS/stored string unchanged.

/// <summary>A community (one exchange): it owns its directory, staff, clients and audit trail.</summary>
public readonly record struct CommunityId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>An HSDS organization.</summary>
public readonly record struct OrganizationId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>An HSDS service at a location: what a navigator finds and an organization edits.</summary>
public readonly record struct ServiceAtLocationId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>An organization's registered API client.</summary>
public readonly record struct ApiClientId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A person the exchange serves.</summary>
public readonly record struct PersonId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A consent a person gave (or a navigator recorded for them).</summary>
public readonly record struct ConsentId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A referral of a person, for one of their needs, to a service.</summary>
public readonly record struct ReferralId(string Value)
{
    public override string ToString() => Value;
}
