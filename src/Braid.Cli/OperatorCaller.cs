using Braid.Application;
using Braid.Core;
using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Audit;

/// <summary>The operator running <c>braid</c> on the server: audited as <c>cli:</c> and their user name, from this machine.</summary>
internal sealed class OperatorCaller(CommunityId communityId) : ICaller
{
    public CommunityId CommunityId => communityId;
    public string? Email => null;
    public string? Address => Environment.MachineName;

    public Task<Actor> ActorAsync(CancellationToken ct = default) => Task.FromResult(Actor.Operator(Environment.UserName, communityId));

    /// <summary>What the use cases need, for this operator on this database.</summary>
    public static UseCaseContext Context(BraidDbContext db, string communityId) =>
        new(new OperatorCaller(new CommunityId(communityId)), db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
}
