using System.Security.Cryptography;
using System.Text;

namespace Braid.Core.Access;

/// <summary>
/// Client secrets, access tokens and the tokens of emailed referral links: 256 random bits, shown once, stored only as a SHA-256 hash.
/// A slow password hash is not needed here because the values are random, not chosen by people.
/// </summary>
public static class Secrets
{
    public const string SecretPrefix = "bcs_", TokenPrefix = "bat_", LinkPrefix = "brl_";

    public static string NewSecret() => SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewToken() => TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewLinkToken() => LinkPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Compares a presented value with a stored hash in constant time.</summary>
    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
