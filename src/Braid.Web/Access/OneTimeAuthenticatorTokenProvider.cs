namespace Braid.Web.Access;

/// <summary>
/// The authenticator (TOTP) second step, with each code good once (OWASP ASVS 2.8.4): Identity's
/// provider accepts a code for its whole window of about five minutes, so one seen over a
/// shoulder or a shared screen would sign in again. The last code accepted is kept, hashed, and
/// refused while it could still be valid.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<BraidUser>
{
    private const string Provider = "Braid", Name = "LastAuthenticatorCode";

    /// <summary>Longer than Identity accepts a code (two 30-second steps either side of now).</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<BraidUser> manager, BraidUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user)) return false;
        var hash = Secrets.Hash(token);
        var now = time.GetUtcNow();
        if (await manager.GetAuthenticationTokenAsync(user, Provider, Name) is { } last && last.Split(' ') is [var usedHash, var usedAt]
            && usedHash == hash && long.TryParse(usedAt, out var at) && now - DateTimeOffset.FromUnixTimeSeconds(at) < Window)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, Provider, Name, $"{hash} {now.ToUnixTimeSeconds()}");
        return true;
    }
}
