using System.Security.Claims;
using Braid.Core.Access;
using Braid.Core.Audit;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>Thrown when the caller may not do what was asked; becomes 401 (not signed in) or 403 problem details.</summary>
public sealed class AccessDeniedException(Actor actor, Permission permission, AccessDecision decision)
    : Exception($"{permission} denied: {decision.Reason}.")
{
    public Actor Actor { get; } = actor;
    public Permission Permission { get; } = permission;
    public AccessDecision Decision { get; } = decision;
}

/// <summary>
/// Who is calling this request, and whether they may: handlers ask it before they read or write,
/// so authorization lives next to the data it protects. Denials are audited.
/// </summary>
public sealed class AccessControl(IHttpContextAccessor http, BraidDbContext db, AuditLog audit, IOptions<BraidOptions> options)
{
    private Actor? _actor;

    public string CommunityId => options.Value.Community;

    /// <summary>The signed-in staff member's email (their user name), when a person is signing.</summary>
    public string? UserEmail => http.HttpContext?.User.FindFirstValue(BearerTokenHandler.ClientClaim) is null ? http.HttpContext?.User.Identity?.Name : null;

    public async Task<Actor> ActorAsync(CancellationToken ct = default)
    {
        if (_actor is not null) return _actor;
        var user = http.HttpContext?.User;
        if (user?.FindFirstValue(BearerTokenHandler.ClientClaim) is { } clientId)
        {
            return _actor = Actor.Client(clientId, CommunityId, user.FindFirstValue(BearerTokenHandler.OrganizationClaim)!,
                [.. user.FindAll(BearerTokenHandler.ScopeClaim).Select(c => c.Value)]);
        }

        if (user?.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return _actor = Actor.Anonymous;
        }

        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.CommunityId == CommunityId)
            .Select(m => new Membership(m.OrganizationId, m.Role))
            .ToListAsync(ct);
        return _actor = Actor.User(userId, CommunityId, memberships);
    }

    /// <summary>Returns the actor when allowed; otherwise audits the denial and throws.</summary>
    public async Task<Actor> DemandAsync(Permission permission, string? organizationId = null, string? target = null, CancellationToken ct = default)
    {
        var actor = await ActorAsync(ct);
        var decision = AccessPolicy.Decide(actor, permission, CommunityId, organizationId);
        if (decision.Allowed) return actor;

        await audit.AppendAsync(Entry(actor, "access." + permission, "denied: " + decision.Reason, organizationId, target), ct);
        throw new AccessDeniedException(actor, permission, decision);
    }

    /// <summary>An audit entry for this request: the actor, the client's address, and what happened.</summary>
    public AuditEntry Entry(Actor actor, string action, string outcome, string? organizationId = null, string? target = null, string? purpose = null) =>
        new(CommunityId, actor.Id, action, outcome, organizationId, target, http.HttpContext?.Connection.RemoteIpAddress?.ToString(), purpose);
}
