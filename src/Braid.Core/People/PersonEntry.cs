using System.Globalization;

namespace Braid.Core.People;

/// <summary>
/// A person as typed in, on the registration form or in a row of an imported file: text as entered,
/// every field but a name may be left empty.
/// </summary>
public sealed class PersonEntry
{
    /// <summary>What a demographic question posts when the person declined to answer.</summary>
    public const string Declined = "declined";

    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? PreferredName { get; set; }
    public string? BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? PreferredChannel { get; set; }
    public bool? MayLeaveMessage { get; set; }
    public string? AlternateContact { get; set; }
    public string? AddressLine { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Language { get; set; }
    public bool? InterpreterNeeded { get; set; }
    public List<string> RaceEthnicity { get; set; } = [];
    public string? Sex { get; set; }
    public string? GenderIdentity { get; set; }
    public string? Pronouns { get; set; }
    public string? HouseholdSize { get; set; }
    public string? IncomeBand { get; set; }
    public string? Strengths { get; set; }

    /// <summary>The person described, or the fields that cannot even be read (a date that is no date…).</summary>
    public (Person? Person, Dictionary<string, InputError> Errors) ToPerson()
    {
        var errors = new Dictionary<string, InputError>();
        DateOnly? born = null;
        if (Blank(BirthDate) is { } text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) born = date;
            else errors["birth_date"] = new InputError("date-invalid");
        }

        double? Number(string? value, string field)
        {
            if (Blank(value) is not { } v) return null;
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
            errors[field] = new InputError("number-invalid");
            return null;
        }

        var (latitude, longitude) = (Number(Latitude, "latitude"), Number(Longitude, "longitude"));
        ContactChannel? channel = null;
        if (Blank(PreferredChannel) is { } c)
        {
            if (Enum.TryParse<ContactChannel>(c, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) channel = parsed;
            else errors["preferred_channel"] = new InputError("choice-unknown", c);
        }

        var household = Reported<int>.NotAsked;
        if (Blank(HouseholdSize) is { } size)
        {
            if (IsDeclined(size)) household = Reported<int>.Declined;
            else if (int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) household = Reported<int>.Answer(n);
            else errors["household_size"] = new InputError("household-size", PersonRules.MaxHouseholdSize);
        }

        if (errors.Count > 0) return (null, errors);
        var selected = RaceEthnicity.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct().ToList();
        return (new Person
        {
            Id = default, RegisteredBy = default,
            GivenName = Blank(GivenName), FamilyName = Blank(FamilyName), PreferredName = Blank(PreferredName), BirthDate = born,
            Phone = Blank(Phone), Email = Blank(Email), PreferredChannel = channel, MayLeaveMessage = MayLeaveMessage, AlternateContact = Blank(AlternateContact),
            AddressLine = Blank(AddressLine), City = Blank(City), State = Blank(State), PostalCode = Blank(PostalCode), Latitude = latitude, Longitude = longitude,
            Language = Blank(Language), InterpreterNeeded = InterpreterNeeded,
            RaceEthnicity = selected.Any(IsDeclined) ? Reported<IReadOnlyList<string>>.Declined : selected.Count > 0 ? Reported<IReadOnlyList<string>>.Answer(selected) : Reported<IReadOnlyList<string>>.NotAsked,
            Sex = Choice(Sex), GenderIdentity = Choice(GenderIdentity), Pronouns = Choice(Pronouns), HouseholdSize = household, IncomeBand = Choice(IncomeBand),
            Strengths = [.. (Strengths ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        }, errors);
    }

    private static bool IsDeclined(string value) => value.Equals(Declined, StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Reported<string> Choice(string? value) => Blank(value) switch
    {
        null => Reported<string>.NotAsked,
        var v when IsDeclined(v) => Reported<string>.Declined,
        var v => Reported<string>.Answer(v),
    };
}

/// <summary>
/// One person to import, from record <paramref name="Line"/> of a file (the header is 1);
/// <paramref name="ConfirmedNew"/> when a navigator reviewed its likely duplicates and says it is
/// someone new; <paramref name="Unreadable"/> the fields the file's reader could not read at all.
/// </summary>
public sealed record PeopleFileRow(int Line, PersonEntry Entry, bool ConfirmedNew = false, IReadOnlyDictionary<string, InputError>? Unreadable = null);

/// <summary>The people a file holds, and what is wrong with it.</summary>
public sealed record PeopleFile(IReadOnlyList<PeopleFileRow> Rows, IReadOnlyList<RowProblem> Problems);

/// <summary>What is wrong with one field (a column) of one record of an imported file.</summary>
public sealed record RowProblem(int Line, string Field, InputError Error)
{
    /// <summary>A problem of the file itself (its header, its size, broken CSV), not of one person: the whole file is refused.</summary>
    public bool RefusesFile => Line == 1 || Field == "file";
}
