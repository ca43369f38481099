using Braid.Application.Listings;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Listings;
using Braid.Data.Listings;
using Braid.Testing;

namespace Braid.Application.Tests.Listings;

/// <summary>Claims through their use cases: each step stored and audited, a step the claim's state forbids refused with nothing written.</summary>
public sealed class ClaimTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_claim_is_requested_approved_revoked_and_requested_again_each_step_audited(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var (organization, _) = community.Listing;
        var orgAdmin = community.As(Community.Staff("u1", organization));
        var communityAdmin = community.As(Community.CommunityAdmin);
        var store = new ListingStore(community.Db, TimeProvider.System);
        var org = new OrganizationId(organization);

        await new RequestClaim(orgAdmin, store).RunAsync(org);
        Assert.True(await new DecideClaim(communityAdmin, store).RunAsync(org, ClaimDecision.Approve));
        Assert.True((await store.ClaimAsync("demo", organization))!.AllowsEditing);
        Assert.True(await new DecideClaim(communityAdmin, store).RunAsync(org, ClaimDecision.Revoke));
        await new RequestClaim(orgAdmin, store).RunAsync(org);

        Assert.Equal(ClaimState.Requested, (await store.ClaimAsync("demo", organization))!.State);
        Assert.Equal(["directory.claim requested", "directory.claim-decision approved", "directory.claim-decision revoked", "directory.claim requested"],
            await community.AuditAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Approving_twice_is_refused_and_writes_nothing(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var (organization, _) = community.Listing;
        var store = new ListingStore(community.Db, TimeProvider.System);
        var org = new OrganizationId(organization);
        await new RequestClaim(community.As(Community.Staff("u1", organization)), store).RunAsync(org);
        var decide = new DecideClaim(community.As(Community.CommunityAdmin), store);
        await decide.RunAsync(org, ClaimDecision.Approve);
        var decidedAt = (await store.ClaimAsync("demo", organization))!.DecidedAt;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => decide.RunAsync(org, ClaimDecision.Approve));

        Assert.Contains("approved", refused.Message);
        Assert.Equal(decidedAt, (await store.ClaimAsync("demo", organization))!.DecidedAt);
        Assert.Equal(2, (await community.AuditAsync()).Count);
        Assert.False(await decide.RunAsync(new OrganizationId("no-such-organization"), ClaimDecision.Approve));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Only_the_organizations_administrator_may_claim_and_only_a_community_administrator_may_decide(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var (organization, _) = community.Listing;
        var store = new ListingStore(community.Db, TimeProvider.System);
        var org = new OrganizationId(organization);

        await Assert.ThrowsAsync<AccessDeniedException>(() => new RequestClaim(community.As(Community.Staff("u2", organization, Roles.CboStaff)), store).RunAsync(org));
        await Assert.ThrowsAsync<AccessDeniedException>(() => new RequestClaim(community.As(Community.Staff("u3", "another-org")), store).RunAsync(org));
        await new RequestClaim(community.As(Community.Staff("u1", organization)), store).RunAsync(org);
        await Assert.ThrowsAsync<AccessDeniedException>(() => new DecideClaim(community.As(Community.Staff("u1", organization)), store).RunAsync(org, ClaimDecision.Approve));

        Assert.Equal(ClaimState.Requested, (await store.ClaimAsync("demo", organization))!.State);
        Assert.Equal(3, (await community.AuditAsync()).Count(e => e.StartsWith("access.", StringComparison.Ordinal)));
    }
}
