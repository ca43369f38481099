using System.Security.Cryptography;

namespace Braid.Core.ResourceLists;

/// <summary>
/// Services a navigator picked for someone, kept under a short code so a text message can carry
/// the link (<c>/l/{code}</c>) and the list can be printed in the person's language. It holds
/// directory entries only, never who it was for: the link may be forwarded, and anyone holding it
/// sees only public listings.
/// </summary>
public sealed record ResourceList(string Code, string Language, IReadOnlyList<string> Services, string CreatedBy, DateTimeOffset CreatedAt)
{
    public const int MaxServices = 20, CodeLength = 8;

    // No 0/O, 1/l/I: a code read aloud or copied from paper is typed right.
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    /// <summary>A new list; the errors name the field that is wrong (no services, too many, an unknown language).</summary>
    public static (ResourceList? List, IReadOnlyDictionary<string, InputError> Errors) Create(
        IEnumerable<string> services, string language, IReadOnlyCollection<string> languages, string createdBy, DateTimeOffset now)
    {
        var picked = services.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var errors = new Dictionary<string, InputError>();
        if (picked.Count == 0) errors["services"] = new InputError("list-pick-one");
        else if (picked.Count > MaxServices) errors["services"] = new InputError("list-too-many", MaxServices, picked.Count);
        if (!languages.Contains(language)) errors["language"] = new InputError("list-language", language, string.Join(", ", languages));
        return errors.Count > 0 ? (null, errors) : (new ResourceList(NewCode(), language, picked, createdBy, now), errors);
    }

    /// <summary>Eight characters from 31: about 2^40 codes, so guessing one that exists is hopeless at any rate the site allows.</summary>
    public static string NewCode() => string.Create(CodeLength, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>Whether text is shaped like a code, checked before any lookup.</summary>
    public static bool IsCode(string? text) => text is { Length: CodeLength } && text.All(Alphabet.Contains);
}
