using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>Identity's claims for a staff member, plus one that names this sign-in (see <see cref="MembershipCache"/>).</summary>
public sealed class SignInClaimsFactory(UserManager<BraidUser> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<BraidUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(BraidUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(MembershipCache.SignInClaim, Guid.NewGuid().ToString("N")));
        return identity;
    }
}
