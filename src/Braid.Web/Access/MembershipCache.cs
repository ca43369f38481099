using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Braid.Web.Access;

/// <summary>
/// A signed-in person's memberships, read once per sign-in instead of on every request. Whatever
/// changes a person's memberships calls <see cref="Invalidate"/>; a new sign-in reads them afresh,
/// and an entry lives at most <see cref="Lifetime"/>, which bounds how long a change made by
/// another process (another server, the command line) goes unseen.
/// </summary>
public sealed class MembershipCache(IMemoryCache cache)
{
    /// <summary>The claim that tells one sign-in from another (a new value at each sign-in, kept while the session lasts).</summary>
    public const string SignInClaim = "braid:sign-in";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _changes = new();

    public async Task<IReadOnlyList<Membership>> GetAsync(string communityId, string userId, string signIn, Func<Task<IReadOnlyList<Membership>>> load)
    {
        var key = (communityId, userId, signIn);
        if (cache.TryGetValue(key, out IReadOnlyList<Membership>? memberships)) return memberships!;
        var changed = _changes.GetOrAdd(userId, _ => new CancellationTokenSource()).Token;
        memberships = await load();
        // A change between the read and now has cancelled the token: the entry is evicted at once.
        cache.Set(key, memberships, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }.AddExpirationToken(new CancellationChangeToken(changed)));
        return memberships;
    }

    /// <summary>Forgets the person's memberships in every sign-in; the next request reads them from the database.</summary>
    public void Invalidate(string userId)
    {
        if (_changes.TryRemove(userId, out var changes))
        {
            changes.Cancel();
            changes.Dispose();
        }
    }
}
