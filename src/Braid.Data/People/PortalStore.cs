using Braid.Core;

namespace Braid.Data.People;

/// <summary>
/// The accounts and one-time codes of the people's own portal. It decides nothing about who may
/// sign in: the application layer does.
/// </summary>
public sealed class PortalStore(BraidDbContext db)
{
    public async Task<PersonAccountRow?> AccountAsync(CommunityId community, string contact, CancellationToken ct = default) =>
        await db.PersonAccounts.FirstOrDefaultAsync(a => a.CommunityId == community.Value && a.Contact == contact, ct);

    /// <summary>Saved with what the caller saves next.</summary>
    public void AddAccount(PersonAccountRow account) => db.PersonAccounts.Add(account);

    /// <summary>The person whose record a session opens, while the account still has the session's stamp; null once it does not.</summary>
    public async Task<string?> SessionPersonAsync(CommunityId community, string contact, string stamp, CancellationToken ct = default) =>
        await db.PersonAccounts.AsNoTracking().Where(a => a.CommunityId == community.Value && a.Contact == contact && a.SessionStamp == stamp)
            .Select(a => a.PersonId).FirstOrDefaultAsync(ct);

    /// <summary>How many codes were sent to a contact since a moment.</summary>
    public async Task<int> CodesSentSinceAsync(CommunityId community, string contact, DateTimeOffset since, CancellationToken ct = default) =>
        await db.PersonCodes.CountAsync(c => c.CommunityId == community.Value && c.Contact == contact && c.CreatedAt > since, ct);

    /// <summary>Saved with what the caller saves next.</summary>
    public void AddCode(PersonCodeRow code) => db.PersonCodes.Add(code);

    /// <summary>A contact's codes that may still be typed in: unused, unexpired and not tried too often; newest first.</summary>
    public async Task<List<PersonCodeRow>> LiveCodesAsync(CommunityId community, string contact, DateTimeOffset now, int maxAttempts, CancellationToken ct = default) =>
        [.. (await db.PersonCodes.Where(c => c.CommunityId == community.Value && c.Contact == contact && c.UsedAt == null && c.ExpiresAt > now && c.Attempts < maxAttempts)
            .ToListAsync(ct)).OrderByDescending(c => c.CreatedAt)];

    public async Task<PersonCodeRow?> CodeAsync(CommunityId community, string id, CancellationToken ct = default) =>
        await db.PersonCodes.FirstOrDefaultAsync(c => c.CommunityId == community.Value && c.Id == id, ct);

    /// <summary>Counts a wrong try against each of the contact's live codes.</summary>
    public async Task CountWrongTryAsync(CommunityId community, IReadOnlyCollection<string> codes, CancellationToken ct = default) =>
        await db.PersonCodes.Where(c => c.CommunityId == community.Value && codes.Contains(c.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);

    /// <summary>Marks a code used in the caller's transaction; false when it was used first by someone else.</summary>
    public async Task<bool> UseCodeAsync(CommunityId community, string id, DateTimeOffset now, CancellationToken ct = default) =>
        await db.PersonCodes.Where(c => c.CommunityId == community.Value && c.Id == id && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), ct) == 1;

    /// <summary>A new session stamp for an account: every session made with the old one ends.</summary>
    public async Task RenewStampAsync(CommunityId community, string contact, string stamp, CancellationToken ct = default) =>
        await db.PersonAccounts.Where(a => a.CommunityId == community.Value && a.Contact == contact)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.SessionStamp, stamp), ct);
}
