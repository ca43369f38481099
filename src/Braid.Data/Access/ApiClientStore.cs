using Braid.Core.Access;

namespace Braid.Data.Access;

/// <summary>An organization's registered API client, as stored (the secret only as a hash).</summary>
public sealed class ApiClientRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Scopes { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public DateTimeOffset SecretCreatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A bearer token issued to a client, as stored (only its hash).</summary>
public sealed class AccessTokenRow
{
    public string TokenHash { get; set; } = "";
    public string CommunityId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string Scopes { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>An API client as its organization's administrators see it.</summary>
public sealed record ApiClient(string Id, string OrganizationId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset SecretCreatedAt, DateTimeOffset? RevokedAt);

/// <summary>What a valid bearer token lets its client do.</summary>
public sealed record TokenGrant(string ClientId, string OrganizationId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>The outcome of a client-credentials request: a token, or an RFC 6749 error code with a description.</summary>
public sealed record TokenResult(string? AccessToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes, string? Error, string? Description)
{
    public static TokenResult Failed(string error, string description) => new(null, default, [], error, description);
}

/// <summary>Registers clients, rotates and revokes their secrets, and issues and checks short-lived bearer tokens.</summary>
public sealed class ApiClientStore(BraidDbContext db, TimeProvider time)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    public async Task<(ApiClient Client, string Secret)> CreateAsync(string communityId, string organizationId, string name, IReadOnlyList<string> scopes, string createdBy, CancellationToken ct = default)
    {
        var secret = Secrets.NewSecret();
        var now = Now();
        var row = new ApiClientRow
        {
            CommunityId = communityId, Id = Guid.NewGuid().ToString(), OrganizationId = organizationId, Name = name,
            Scopes = string.Join(' ', scopes.Distinct()), SecretHash = Secrets.Hash(secret), SecretCreatedAt = now, CreatedAt = now, CreatedBy = createdBy,
        };
        db.ApiClients.Add(row);
        await db.SaveChangesAsync(ct);
        return (ToClient(row), secret);
    }

    public async Task<List<ApiClient>> ListAsync(string communityId, string organizationId, CancellationToken ct = default) =>
        [.. (await db.ApiClients.AsNoTracking().Where(c => c.CommunityId == communityId && c.OrganizationId == organizationId).ToListAsync(ct))
            .OrderBy(c => c.CreatedAt).Select(ToClient)];

    public async Task<ApiClient?> FindAsync(string communityId, string clientId, CancellationToken ct = default) =>
        await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.CommunityId == communityId && c.Id == clientId, ct) is { } row ? ToClient(row) : null;

    /// <summary>
    /// Replaces the secret. The old one, and every token issued with it, stop working at once: a
    /// secret is rotated because it may have leaked, and so may the tokens it bought.
    /// </summary>
    public async Task<string?> RotateAsync(string communityId, string clientId, CancellationToken ct = default)
    {
        var row = await db.ApiClients.FirstOrDefaultAsync(c => c.CommunityId == communityId && c.Id == clientId && c.RevokedAt == null, ct);
        if (row is null) return null;
        var secret = Secrets.NewSecret();
        row.SecretHash = Secrets.Hash(secret);
        row.SecretCreatedAt = Now();
        await RevokeTokensAsync(communityId, clientId, ct);
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>Revokes the client and every token it holds.</summary>
    public async Task<bool> RevokeAsync(string communityId, string clientId, CancellationToken ct = default)
    {
        var row = await db.ApiClients.FirstOrDefaultAsync(c => c.CommunityId == communityId && c.Id == clientId, ct);
        if (row is null) return false;
        row.RevokedAt ??= Now();
        await RevokeTokensAsync(communityId, clientId, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task RevokeTokensAsync(string communityId, string clientId, CancellationToken ct)
    {
        var now = Now();
        foreach (var token in await db.AccessTokens.Where(t => t.CommunityId == communityId && t.ClientId == clientId && t.RevokedAt == null).ToListAsync(ct))
        {
            token.RevokedAt = now;
        }
    }

    /// <summary>The client-credentials grant (RFC 6749 section 4.4): a secret for a token limited to granted scopes.</summary>
    public async Task<TokenResult> IssueTokenAsync(string communityId, string clientId, string secret, IReadOnlyList<string>? requestedScopes, CancellationToken ct = default)
    {
        // Client ids are GUIDs; anything else (NUL bytes and all) never reaches the database.
        var row = Guid.TryParse(clientId, out _) ? await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.CommunityId == communityId && c.Id == clientId, ct) : null;
        if (row is null || !Secrets.Matches(secret, row.SecretHash)) return TokenResult.Failed("invalid_client", "Unknown client or wrong secret.");
        if (row.RevokedAt is not null) return TokenResult.Failed("invalid_client", "The client has been revoked.");

        var granted = row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var scopes = requestedScopes is { Count: > 0 } ? requestedScopes : granted;
        if (scopes.Except(granted).ToList() is { Count: > 0 } extra)
        {
            return TokenResult.Failed("invalid_scope", $"The client was not granted: {string.Join(' ', extra)}.");
        }

        var token = Secrets.NewToken();
        var expires = time.GetUtcNow() + TokenLifetime;
        db.AccessTokens.Add(new AccessTokenRow
        {
            TokenHash = Secrets.Hash(token), CommunityId = communityId, ClientId = clientId, OrganizationId = row.OrganizationId,
            Scopes = string.Join(' ', scopes), IssuedAt = Now(), ExpiresAt = expires,
        });
        await db.SaveChangesAsync(ct);
        return new TokenResult(token, expires, [.. scopes], null, null);
    }

    /// <summary>The grant of a presented token, or why it is not valid (unknown, expired, revoked).</summary>
    public async Task<(TokenGrant? Grant, string? Problem)> ValidateAsync(string communityId, string token, CancellationToken ct = default)
    {
        var hash = Secrets.Hash(token);
        var row = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.CommunityId == communityId, ct);
        if (row is null) return (null, "unknown token");
        if (row.RevokedAt is not null) return (null, "token revoked");
        var expires = row.ExpiresAt;
        if (expires <= time.GetUtcNow()) return (null, "token expired");
        return (new TokenGrant(row.ClientId, row.OrganizationId, row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), expires), null);
    }

    private DateTimeOffset Now() => time.GetUtcNow();

    private static ApiClient ToClient(ApiClientRow r) => new(r.Id, r.OrganizationId, r.Name, r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        r.SecretCreatedAt, r.RevokedAt);
}
