using System.Net.Mail;
using System.Security.Cryptography;
using Braid.Core.Access;

namespace Braid.Core.People;

public enum PortalContactKind { Email, Phone }

/// <summary>
/// The email address or US phone number a person signs in with, in one form: an address in lower
/// case, a phone number as its ten digits. Two spellings of one contact are one account.
/// </summary>
public sealed record PortalContact(PortalContactKind Kind, string Value)
{
    /// <summary>The contact typed into the door; null when it is neither an email address nor a US phone number.</summary>
    public static PortalContact? Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is 0 or > 254) return null;
        if (trimmed.Contains('@'))
            return MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && !trimmed.Contains(' ') ? new(PortalContactKind.Email, trimmed.ToLowerInvariant()) : null;
        return PersonRules.PhoneDigits(trimmed) is { } digits ? new(PortalContactKind.Phone, digits) : null;
    }

    /// <summary>What is stored and looked up: kind and value together, so an address and a number never collide.</summary>
    public string Key => (Kind == PortalContactKind.Email ? "email:" : "phone:") + Value;

    /// <summary>The contact a stored <see cref="Key"/> names; null when it names none.</summary>
    public static PortalContact? FromKey(string key) => Parse(key[(key.IndexOf(':') + 1)..]) is { } contact && contact.Key == key ? contact : null;

    /// <summary>For screens and the audit trail: enough for the person to recognise it, not enough to learn it.</summary>
    public string Masked => Kind == PortalContactKind.Email
        ? Value[..1] + "…" + Value[Value.IndexOf('@')..]
        : "…" + Value[^4..];
}

/// <summary>What a one-time code lets its holder do once they type it in.</summary>
public enum PortalCodePurpose
{
    /// <summary>Open the portal of the account this contact belongs to.</summary>
    SignIn,

    /// <summary>Make an account for a contact no account has yet.</summary>
    SignUp,

    /// <summary>Take over the record a navigator made, sent to the contact on file at the navigator's request.</summary>
    Claim,
}

/// <summary>
/// The rules of the portal's one-time codes: six digits, good for <see cref="Lifetime"/>, at most
/// <see cref="MaxAttempts"/> wrong tries, and at most <see cref="MaxSends"/> sent to one contact in
/// <see cref="SendWindow"/>, so neither guessing nor flooding someone's phone works.
/// </summary>
public static class PortalCodes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan SendWindow = TimeSpan.FromMinutes(15);
    public const int MaxAttempts = 5;
    public const int MaxSends = 3;

    /// <summary>How long a claim code sent at a navigator's request stays good: the person may not read it at once.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(7);

    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The stored form: the code hashed with its row's random id, so equal codes differ in the
    /// database. Six digits would not resist an offline search; the attempt limit and the
    /// lifetime are what protect them, the hash only keeps them out of a casual read.
    /// </summary>
    public static string Hash(string codeId, string code) => Secrets.Hash(codeId + ":" + code);

    /// <summary>Whether a typed code (normalized) is the one stored, compared in constant time.</summary>
    public static bool Matches(string codeId, string code, string storedHash) => Secrets.Matches(codeId + ":" + code, storedHash);

    /// <summary>The code as typed, without spaces or dashes; null when it is not six digits.</summary>
    public static string? Normalize(string? typed)
    {
        var digits = new string([.. (typed ?? "").Where(c => c is not (' ' or '-'))]);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static string PurposeCode(PortalCodePurpose purpose) => purpose switch
    {
        PortalCodePurpose.SignIn => "sign-in",
        PortalCodePurpose.SignUp => "sign-up",
        _ => "claim",
    };

    public static PortalCodePurpose? FromCode(string code) => code switch
    {
        "sign-in" => PortalCodePurpose.SignIn,
        "sign-up" => PortalCodePurpose.SignUp,
        "claim" => PortalCodePurpose.Claim,
        _ => null,
    };
}
