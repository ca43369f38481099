using System.Net.Mail;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Braid.Core.Equity;

namespace Braid.Core.People;

/// <summary>Whether a question was put to the person, and whether they answered it.</summary>
public enum ReportStatus { NotAsked, Declined, Answered }

/// <summary>What the person reported about themself: an answer, "declined to answer", or never asked — three different facts.</summary>
public sealed record Reported<T>(ReportStatus Status, T? Value = default)
{
    public static readonly Reported<T> NotAsked = new(ReportStatus.NotAsked);
    public static readonly Reported<T> Declined = new(ReportStatus.Declined);

    public static Reported<T> Answer(T value) => new(ReportStatus.Answered, value);
}

/// <summary>How the person wants to be reached.</summary>
public enum ContactChannel { Phone, Text, Email, Mail }

/// <summary>
/// A person the exchange serves, as they describe themself. Only a name is required; everything
/// else may be missing, and the demographic answers distinguish "declined" from "not asked".
/// Race and ethnicity are the person's own selections under OMB SPD 15 (2024): one combined
/// question, several selections allowed, Middle Eastern or North African a category of its own.
/// </summary>
public sealed record Person
{
    public required PersonId Id { get; init; }

    /// <summary>The organization whose staff registered the person: it holds the record for their care.</summary>
    public required OrganizationId RegisteredBy { get; init; }

    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? PreferredName { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public ContactChannel? PreferredChannel { get; init; }
    public bool? MayLeaveMessage { get; init; }

    /// <summary>Someone else who can pass a message on (name and how to reach them), in the person's words.</summary>
    public string? AlternateContact { get; init; }

    public string? AddressLine { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }

    /// <summary>Where the address lies, when it was geocoded (by an EHR, or the person's own pin).</summary>
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>The 2010 census tract the address lies in; null when it is outside the region or not placed.</summary>
    public string? Tract { get; init; }

    /// <summary>Preferred language, as a BCP 47 code (en, es, zh…).</summary>
    public string? Language { get; init; }
    public bool? InterpreterNeeded { get; init; }
    public Reported<IReadOnlyList<string>> RaceEthnicity { get; init; } = Reported<IReadOnlyList<string>>.NotAsked;
    public Reported<string> Sex { get; init; } = Reported<string>.NotAsked;
    public Reported<string> GenderIdentity { get; init; } = Reported<string>.NotAsked;
    public Reported<string> Pronouns { get; init; } = Reported<string>.NotAsked;
    public Reported<int> HouseholdSize { get; init; } = Reported<int>.NotAsked;
    public Reported<string> IncomeBand { get; init; } = Reported<string>.NotAsked;

    /// <summary>Strengths and protective factors, in the person's words (family nearby, a steady job…).</summary>
    public IReadOnlyList<string> Strengths { get; init; } = [];

    /// <summary>The name to address the person by.</summary>
    [JsonIgnore]
    public string DisplayName => string.Join(" ", new[] { PreferredName ?? GivenName, FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)));
}

/// <summary>The answers Braid accepts for the coded demographics, and the checks every person record passes.</summary>
public static partial class PersonRules
{
    /// <summary>OMB SPD 15 (2024) minimum categories of the combined race and ethnicity question.</summary>
    public static IReadOnlyList<string> RaceEthnicityCategories => RaceEthnicity.Categories;

    public static readonly IReadOnlyList<string> Sexes = ["female", "male", "intersex", "other"];
    public static readonly IReadOnlyList<string> IncomeBands = ["under-100-fpl", "100-199-fpl", "200-399-fpl", "400-fpl-or-more"];
    public const int MaxHouseholdSize = 30;

    /// <summary>Each field that is wrong, with what is wrong; empty when the record may be stored.</summary>
    public static Dictionary<string, InputError> Validate(Person person, DateOnly today)
    {
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(person.GivenName) && string.IsNullOrWhiteSpace(person.FamilyName))
            errors["family_name"] = new InputError("person-name-required");
        if (person.BirthDate is { } born)
        {
            if (born > today) errors["birth_date"] = new InputError("birth-date-future");
            else if (born.Year < today.Year - 120) errors["birth_date"] = new InputError("birth-date-too-old", today.Year - 120);
        }

        if (person.Phone is { } phone && PhoneDigits(phone) is null) errors["phone"] = new InputError("phone-invalid");
        if (person.Email is { } email && !MailAddress.TryCreate(email, out _)) errors["email"] = new InputError("email-invalid");
        if (person.PreferredChannel is ContactChannel.Phone or ContactChannel.Text && person.Phone is null) errors["preferred_channel"] = new InputError("channel-needs-phone");
        if (person.PreferredChannel is ContactChannel.Email && person.Email is null) errors["preferred_channel"] = new InputError("channel-needs-email");
        if (person.PostalCode is { } zip && !Zip().IsMatch(zip)) errors["postal_code"] = new InputError("postal-code");
        if (person.Latitude is null != person.Longitude is null || person.Latitude is < -90 or > 90 || person.Longitude is < -180 or > 180
            || person.Latitude is double.NaN || person.Longitude is double.NaN)
            errors["latitude"] = new InputError("coordinates-invalid");
        if (person.Language is { } language && !LanguageTag().IsMatch(language)) errors["language"] = new InputError("language-invalid");
        if (person.RaceEthnicity is { Status: ReportStatus.Answered, Value: var selected })
        {
            if (selected is not { Count: > 0 }) errors["race_ethnicity"] = new InputError("race-none-selected");
            else if (selected.FirstOrDefault(s => !RaceEthnicityCategories.Contains(s)) is { } unknown) errors["race_ethnicity"] = new InputError("race-unknown", unknown);
        }

        if (person.Sex is { Status: ReportStatus.Answered, Value: var sex } && !Sexes.Contains(sex!)) errors["sex"] = new InputError("choice-unknown", sex ?? "");
        if (person.IncomeBand is { Status: ReportStatus.Answered, Value: var band } && !IncomeBands.Contains(band!)) errors["income_band"] = new InputError("choice-unknown", band ?? "");
        if (person.HouseholdSize is { Status: ReportStatus.Answered, Value: var size } && size is < 1 or > MaxHouseholdSize)
            errors["household_size"] = new InputError("household-size", MaxHouseholdSize);
        return errors;
    }

    /// <summary>A US phone number's ten digits (a leading country code 1 dropped), or null when it is not one.</summary>
    public static string? PhoneDigits(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.Length == 11 && digits[0] == '1') digits = digits[1..];
        return digits.Length == 10 && Nanp().IsMatch(digits) && phone.All(c => char.IsAsciiDigit(c) || " ()+.-".Contains(c)) ? digits : null;
    }

    [GeneratedRegex(@"^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex Zip();

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[2-9][0-9]{2}[2-9][0-9]{6}$")]
    private static partial Regex Nanp();
}
