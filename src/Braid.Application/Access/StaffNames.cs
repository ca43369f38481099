using Braid.Data;
using Microsoft.EntityFrameworkCore;

namespace Braid.Application.Access;

/// <summary>
/// Who did something, in words, for a log people read (a disclosure log, a referral's history):
/// a staff member's display name (else their email); a client, the operator or a system as recorded.
/// </summary>
public sealed class StaffNames(IReadOnlyDictionary<string, string> byUserId)
{
    public static readonly StaffNames None = new(new Dictionary<string, string>());

    /// <summary>The names of the staff among these actor ids, in one query.</summary>
    public static async Task<StaffNames> LoadAsync(BraidDbContext db, IEnumerable<string> actors, CancellationToken ct)
    {
        var users = actors.Select(Actor.UserIdOf).OfType<string>().Distinct().ToList();
        return new StaffNames(await db.Users.Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName is { Length: > 0 } name ? name : u.Email ?? u.Id, ct));
    }

    public string Of(string actor) => Actor.UserIdOf(actor) is { } user && byUserId.TryGetValue(user, out var name) ? name : actor;
}
