namespace Braid.Web.Infrastructure;

/// <summary>
/// A clock that starts at a chosen instant and then runs at normal speed: demos, end-to-end tests
/// and benchmarks can ask "open now" at a known moment while timeouts and refreshes still work.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset startsAt) : TimeProvider
{
    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => startsAt.ToUniversalTime() + System.GetElapsedTime(_started);
}
