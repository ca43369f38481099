using Braid.Application;
using Braid.Core;
using Braid.Core.Access;

namespace Braid.Bench;

/// <summary>The staff member a benchmark acts as, in the benchmark's community.</summary>
internal sealed class BenchCaller(Actor actor) : ICaller
{
    public CommunityId CommunityId => actor.CommunityId ?? throw new InvalidOperationException("A benchmark acts in a community.");
    public string? Email => null;
    public string? Address => "bench";
    public Task<Actor> ActorAsync(CancellationToken ct = default) => Task.FromResult(actor);
}
