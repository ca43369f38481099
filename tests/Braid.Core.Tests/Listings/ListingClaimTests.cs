using Braid.Core;
using Braid.Core.Listings;

namespace Braid.Core.Tests.Listings;

/// <summary>The claim's lifecycle as the issue states it: requested → approved | rejected, approved → revoked; asked again after a rejection or revocation.</summary>
public sealed class ListingClaimTests
{
    private static readonly OrganizationId Org = new("org-1");
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_request_approved_then_revoked_then_asked_again_leaves_one_event_per_step()
    {
        var claim = ListingClaim.Request(Org, "user:org-admin", T0);
        claim.Approve("user:community-admin", T0.AddHours(1));
        Assert.True(claim.AllowsEditing);
        claim.Revoke("user:community-admin", T0.AddHours(2));
        Assert.False(claim.AllowsEditing);
        claim.RequestAgain("user:org-admin", T0.AddHours(3));

        Assert.Equal([ClaimState.Requested, ClaimState.Approved, ClaimState.Revoked, ClaimState.Requested], claim.Events.Select(e => e.State));
        Assert.Equal(["user:org-admin", "user:community-admin", "user:community-admin", "user:org-admin"], claim.Events.Select(e => e.By));
        Assert.Equal(ClaimState.Requested, claim.State);
        Assert.Equal((T0.AddHours(3), (string?)null, (DateTimeOffset?)null), (claim.RequestedAt, claim.DecidedBy, claim.DecidedAt));
    }

    [Fact]
    public void A_rejected_claim_can_be_asked_for_again_but_not_approved()
    {
        var claim = ListingClaim.Request(Org, "user:a", T0);
        claim.Reject("user:c", T0.AddHours(1));
        Assert.Throws<DomainRuleException>(() => claim.Approve("user:c", T0.AddHours(2)));
        claim.RequestAgain("user:a", T0.AddHours(3));
        claim.Approve("user:c", T0.AddHours(4));
        Assert.Equal(ClaimState.Approved, claim.State);
    }

    public static TheoryData<ClaimState, string> Illegal => new()
    {
        { ClaimState.Requested, "revoke" }, { ClaimState.Requested, "request" },
        { ClaimState.Approved, "approve" }, { ClaimState.Approved, "reject" }, { ClaimState.Approved, "request" },
        { ClaimState.Rejected, "approve" }, { ClaimState.Rejected, "reject" }, { ClaimState.Rejected, "revoke" },
        { ClaimState.Revoked, "approve" }, { ClaimState.Revoked, "reject" }, { ClaimState.Revoked, "revoke" },
    };

    [Theory, MemberData(nameof(Illegal))]
    public void An_illegal_transition_is_refused_naming_the_state_and_changes_nothing(ClaimState state, string step)
    {
        var claim = ListingClaim.Restore(Org, state, "user:a", T0, state == ClaimState.Requested ? null : "user:c", state == ClaimState.Requested ? null : T0.AddHours(1));
        Action act = step switch
        {
            "approve" => () => claim.Approve("user:x", T0.AddDays(1)),
            "reject" => () => claim.Reject("user:x", T0.AddDays(1)),
            "revoke" => () => claim.Revoke("user:x", T0.AddDays(1)),
            _ => () => claim.RequestAgain("user:x", T0.AddDays(1)),
        };

        var refused = Assert.Throws<DomainRuleException>(act);
        Assert.Contains(state.ToString().ToLowerInvariant(), refused.Message);
        Assert.Contains("org-1", refused.Message);
        Assert.Equal(state, claim.State);
        Assert.Empty(claim.Events);
        Assert.Equal("user:a", claim.RequestedBy);
    }
}
