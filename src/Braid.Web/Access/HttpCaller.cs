using System.Security.Claims;
using Braid.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>The caller of a web request: the signed-in staff member (with their memberships), the API client of the bearer token, the person on their portal, or nobody.</summary>
public sealed class HttpCaller(IHttpContextAccessor http, BraidDbContext db, MembershipCache cache, IOptions<BraidOptions> options) : ICaller
{
    private Actor? _actor;

    public CommunityId CommunityId => new(options.Value.Community);

    public string? Email => User?.FindFirstValue(BearerTokenHandler.ClientClaim) is null ? User?.Identity?.Name : null;

    public string? Address => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private ClaimsPrincipal? User => http.HttpContext?.User;

    public async Task<Actor> ActorAsync(CancellationToken ct = default)
    {
        if (_actor is not null) return _actor;
        if (User?.FindFirstValue(BearerTokenHandler.ClientClaim) is { } clientId)
        {
            return _actor = Actor.Client(clientId, CommunityId, new OrganizationId(User.FindFirstValue(BearerTokenHandler.OrganizationClaim)!),
                [.. User.FindAll(BearerTokenHandler.ScopeClaim).Select(c => c.Value)]);
        }

        if (User?.FindFirstValue(AccessSetup.PersonClaim) is { } personId) return _actor = Actor.Person(new PersonId(personId), CommunityId);

        if (User?.Identity?.IsAuthenticated != true || User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return _actor = Actor.Anonymous;
        }

        var community = CommunityId.Value;
        async Task<IReadOnlyList<Membership>> LoadAsync() => await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.CommunityId == community)
            .Select(m => new Membership(new OrganizationId(m.OrganizationId), m.Role))
            .ToListAsync(ct);
        var memberships = User.FindFirstValue(MembershipCache.SignInClaim) is { } signIn
            ? await cache.GetAsync(community, userId, signIn, LoadAsync)
            : await LoadAsync();
        return _actor = Actor.User(userId, CommunityId, memberships);
    }
}
