using Braid.Core.Audit;
using Braid.Data;
using Braid.Data.Audit;

namespace Braid.Application;

/// <summary>Thrown when the caller may not do what was asked (already audited); the web turns it into 401/403 or sign-in.</summary>
public sealed class AccessDeniedException(Actor actor, Permission permission, AccessDecision decision)
    : Exception($"{permission} denied: {decision.Reason}.")
{
    public Actor Actor { get; } = actor;
    public Permission Permission { get; } = permission;
    public AccessDecision Decision { get; } = decision;
}

/// <summary>What a change did, for the audit trail; written in the change's own transaction.</summary>
public sealed class AuditTrail
{
    private readonly ICaller _caller;

    internal AuditTrail(ICaller caller) => _caller = caller;

    internal List<AuditEntry> Entries { get; } = [];

    public void Record(Actor actor, string action, string outcome, OrganizationId? organizationId = null, string? target = null) =>
        Entries.Add(_caller.EntryOf(actor, action, outcome, organizationId, target));
}

/// <summary>
/// What every use case needs: the caller, authorization with audited denials, and the one way to
/// change data (<see cref="ChangeAsync{T}"/>), which commits the change with its audit events or
/// neither.
/// </summary>
public sealed class UseCaseContext(ICaller caller, BraidDbContext db, AuditLog audit, TimeProvider time)
{
    public CommunityId CommunityId => caller.CommunityId;
    public ICaller Caller => caller;
    public BraidDbContext Db => db;
    public TimeProvider Time => time;

    /// <summary>The community's own clock: "verified today" is today where the community is, not in UTC.</summary>
    public async Task<DateTimeOffset> LocalNowAsync(CancellationToken ct = default)
    {
        var community = await db.Communities.FindAsync([CommunityId.Value], ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(community?.TimeZone ?? "America/New_York");
        return TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
    }

    /// <summary>The actor when allowed; otherwise the denial is audited and <see cref="AccessDeniedException"/> thrown.</summary>
    public async Task<Actor> AuthorizeAsync(Permission permission, OrganizationId? organizationId = null, string? target = null, CancellationToken ct = default)
    {
        var actor = await caller.ActorAsync(ct);
        var decision = AccessPolicy.Decide(actor, permission, CommunityId, organizationId);
        if (decision.Allowed) return actor;

        await RecordAsync(actor, "access." + permission, "denied: " + decision.Reason, organizationId, target, ct);
        throw new AccessDeniedException(actor, permission, decision);
    }

    /// <summary>
    /// Runs <paramref name="change"/> and appends the events it recorded, in one transaction. A
    /// change that records nothing is a bug and commits nothing.
    /// </summary>
    public Task<T> ChangeAsync<T>(Func<AuditTrail, Task<T>> change, CancellationToken ct = default) => db.InTransactionAsync(async _ =>
    {
        var trail = new AuditTrail(caller);
        var result = await change(trail);
        if (trail.Entries.Count == 0) throw new InvalidOperationException("A change must record what it did on the audit trail; nothing was committed.");
        await audit.AppendAsync(trail.Entries, ct);
        return result;
    }, ct);

    /// <summary>An event that changes nothing else: a report run, a sign-in, a denial.</summary>
    public Task RecordAsync(Actor actor, string action, string outcome, OrganizationId? organizationId = null, string? target = null, CancellationToken ct = default) =>
        audit.AppendAsync(caller.EntryOf(actor, action, outcome, organizationId, target), ct);
}

internal static class CallerAudit
{
    public static AuditEntry EntryOf(this ICaller caller, Actor actor, string action, string outcome, OrganizationId? organizationId, string? target) =>
        new(caller.CommunityId.Value, actor.Id, action, outcome, organizationId?.Value, target, caller.Address);
}
