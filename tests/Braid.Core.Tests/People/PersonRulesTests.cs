using Braid.Core.People;

namespace Braid.Core.Tests.People;

public sealed class PersonRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly Person Minimal = new() { Id = new PersonId("p"), RegisteredBy = new OrganizationId("clinic"), FamilyName = "Ruiz" };

    [Fact]
    public void Only_a_name_is_required_and_declined_is_kept_apart_from_not_asked()
    {
        Assert.Empty(PersonRules.Validate(Minimal, Today));
        Assert.Equal("person-name-required", PersonRules.Validate(Minimal with { FamilyName = " " }, Today)["family_name"].Key);
        Assert.NotEqual(Reported<string>.Declined, Reported<string>.NotAsked);
        Assert.Empty(PersonRules.Validate(Minimal with { RaceEthnicity = Reported<IReadOnlyList<string>>.Declined }, Today));
    }

    [Theory]
    [InlineData("birth_date", "birth-date-future")]
    [InlineData("birth_date_old", "birth-date-too-old")]
    [InlineData("phone", "phone-invalid")]
    [InlineData("email", "email-invalid")]
    [InlineData("race_ethnicity", "race-unknown")]
    [InlineData("household_size", "household-size")]
    [InlineData("postal_code", "postal-code")]
    [InlineData("latitude", "coordinates-invalid")]
    public void Impossible_values_are_refused_naming_the_field(string field, string key)
    {
        var person = field switch
        {
            "birth_date" => Minimal with { BirthDate = Today.AddDays(1) },
            "birth_date_old" => Minimal with { BirthDate = new DateOnly(1890, 1, 1) },
            "phone" => Minimal with { Phone = "555-0100" },
            "email" => Minimal with { Email = "ana at example" },
            "race_ethnicity" => Minimal with { RaceEthnicity = Reported<IReadOnlyList<string>>.Answer(["White", "Martian"]) },
            "household_size" => Minimal with { HouseholdSize = Reported<int>.Answer(0) },
            "latitude" => Minimal with { Latitude = 39.29 },
            _ => Minimal with { PostalCode = "2120" },
        };

        Assert.Equal(key, PersonRules.Validate(person, Today)[field.Replace("_old", "")].Key);
    }

    [Fact]
    public void Several_OMB_2024_selections_including_MENA_are_one_valid_answer()
    {
        var person = Minimal with { RaceEthnicity = Reported<IReadOnlyList<string>>.Answer(["Middle Eastern or North African", "Hispanic or Latino", "White"]) };
        Assert.Empty(PersonRules.Validate(person, Today));
    }

    [Theory]
    [InlineData("(410) 555-2671", "4105552671")]
    [InlineData("+1 410.555.2671", "4105552671")]
    [InlineData("410-155-2671", null)]
    [InlineData("410555267", null)]
    public void A_phone_number_is_a_NANP_number(string phone, string? digits) => Assert.Equal(digits, PersonRules.PhoneDigits(phone));
}
