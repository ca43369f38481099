namespace Braid.Core.Listings;

/// <summary>Where an organization's claim on its own listings stands.</summary>
public enum ClaimState { Requested, Approved, Rejected, Revoked }

/// <summary>Something that happened to a listing claim: who did it, when, and the state it left.</summary>
public sealed record ClaimEvent(OrganizationId Organization, ClaimState State, string By, DateTimeOffset At);

/// <summary>
/// An organization's claim to edit its own listings. Its administrator requests it; a community
/// administrator approves or rejects it, and may later revoke an approval. A rejected or revoked
/// claim may be requested again. Every change is kept as an event for the audit trail.
/// </summary>
public sealed class ListingClaim
{
    private readonly List<ClaimEvent> _events = [];

    private ListingClaim(OrganizationId organization) => Organization = organization;

    public OrganizationId Organization { get; }
    public ClaimState State { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The changes made since the claim was loaded or created, oldest first.</summary>
    public IReadOnlyList<ClaimEvent> Events => _events;

    /// <summary>Whether the organization's staff may edit its listings.</summary>
    public bool AllowsEditing => State == ClaimState.Approved;

    /// <summary>A first request.</summary>
    public static ListingClaim Request(OrganizationId organization, string by, DateTimeOffset at)
    {
        var claim = new ListingClaim(organization);
        claim.Requested(by, at);
        return claim;
    }

    /// <summary>A claim as it was stored; no events.</summary>
    public static ListingClaim Restore(OrganizationId organization, ClaimState state, string requestedBy, DateTimeOffset requestedAt, string? decidedBy, DateTimeOffset? decidedAt) =>
        new(organization) { State = state, RequestedBy = requestedBy, RequestedAt = requestedAt, DecidedBy = decidedBy, DecidedAt = decidedAt };

    /// <summary>Asks again after a rejection or a revocation.</summary>
    public void RequestAgain(string by, DateTimeOffset at)
    {
        Require("requested again", ClaimState.Rejected, ClaimState.Revoked);
        Requested(by, at);
    }

    public void Approve(string by, DateTimeOffset at) => Decide(ClaimState.Approved, "approved", by, at, ClaimState.Requested);

    public void Reject(string by, DateTimeOffset at) => Decide(ClaimState.Rejected, "rejected", by, at, ClaimState.Requested);

    public void Revoke(string by, DateTimeOffset at) => Decide(ClaimState.Revoked, "revoked", by, at, ClaimState.Approved);

    private void Requested(string by, DateTimeOffset at)
    {
        State = ClaimState.Requested;
        RequestedBy = by;
        RequestedAt = at;
        DecidedBy = null;
        DecidedAt = null;
        _events.Add(new ClaimEvent(Organization, State, by, at));
    }

    private void Decide(ClaimState to, string verb, string by, DateTimeOffset at, ClaimState from)
    {
        Require(verb, from);
        State = to;
        DecidedBy = by;
        DecidedAt = at;
        _events.Add(new ClaimEvent(Organization, State, by, at));
    }

    private void Require(string verb, params ClaimState[] from)
    {
        if (!from.Contains(State))
        {
            throw new DomainRuleException($"The claim of organization {Organization} is {State.ToString().ToLowerInvariant()}; " +
                                          $"only a {string.Join(" or ", from.Select(s => s.ToString().ToLowerInvariant()))} claim can be {verb}.");
        }
    }
}
