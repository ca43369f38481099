using Braid.Core.People;

namespace Braid.Core.Tests.People;

public sealed class PersonMatchingTests
{
    private static readonly MatchFields Beth = new("elizabeth", "ruiz", new DateOnly(1984, 3, 12), "4105550123", "12 n charles st 21201");

    // The National Archives' worked examples ("The Soundex Indexing System") and Knuth's (TAOCP vol. 3, 6).
    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Rubin", "R150")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Ashcroft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Honeyman", "H555")]
    [InlineData("Lee", "L000")]
    [InlineData("Gutierrez", "G362")]
    [InlineData("Euler", "E460")]
    [InlineData("Gauss", "G200")]
    [InlineData("Hilbert", "H416")]
    [InlineData("Knuth", "K530")]
    [InlineData("Lloyd", "L300")]
    [InlineData("Lukasiewicz", "L222")]
    [InlineData("Núñez García", "N520")]
    public void Soundex_codes_match_the_published_examples(string name, string code) => Assert.Equal(code, PersonMatching.Soundex(name));

    [Fact]
    public void Names_fold_to_ascii_lower_case_keeping_digits_for_addresses()
    {
        Assert.Equal("jose maria", PersonMatching.Fold("  José-María "));
        Assert.Equal("o connor", PersonMatching.Fold("O'Connor"));
        Assert.Equal("12 n charles st", PersonMatching.Fold("12 N. Charles St."));
        Assert.Equal("ruiz ana", PersonMatching.NameKey("Ana", "Ruiz"));
    }

    public static TheoryData<string, MatchFields, string, string> Duplicates => new()
    {
        { "nickname", Beth with { Given = "liz" }, "given_name", "nickname" },
        { "given typo", Beth with { Given = "elisabeth" }, "given_name", "typo" },
        { "family typo", Beth with { Family = "ruis" }, "family_name", "typo" },
        { "day and month swapped", Beth with { BirthDate = new DateOnly(1984, 12, 3) }, "birth_date", "day and month swapped" },
        { "digits transposed", Beth with { BirthDate = new DateOnly(1948, 3, 12) }, "birth_date", "two digits transposed" },
        { "changed family name, same phone", Beth with { Family = "okafor", Address = "3 elm st 21218" }, "family_name", "differs" },
        { "second family name added", Beth with { Family = "ruiz lopez" }, "family_name", "typo" },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void Each_kind_of_planted_duplicate_is_likely_and_says_why(string kind, MatchFields other, string field, string how)
    {
        var result = PersonMatching.Compare(Beth, other);

        Assert.True(result.IsLikely(), $"{kind}: {result.Score}");
        Assert.Equal(how, Assert.Single(result.Fields, f => f.Field == field).How);
        Assert.Equal(result.Score, PersonMatching.Compare(other, Beth).Score);
    }

    public static TheoryData<string, MatchFields> Different => new()
    {
        { "twin", Beth with { Given = "lucia" } },
        { "father and son of one name", Beth with { BirthDate = new DateOnly(1959, 7, 30) } },
        { "same first name and birthday, nothing else", new("elizabeth", "okafor", Beth.BirthDate, "4435550199", "9 oak st 21229") },
        { "same name, nothing else known", new("elizabeth", "ruiz", null, null, null) },
        { "changed family name and nothing else shared", Beth with { Family = "okafor", Phone = "4435550199", Address = "9 oak st 21229" } },
    };

    [Theory]
    [MemberData(nameof(Different))]
    public void Different_people_who_share_a_lot_are_not_likely(string kind, MatchFields other) =>
        Assert.False(PersonMatching.Compare(Beth, other).IsLikely(), kind);

    [Fact]
    public void Fields_missing_on_either_side_are_neither_for_nor_against()
    {
        var result = PersonMatching.Compare(Beth, new MatchFields("elizabeth", "ruiz", null, null, null));
        Assert.Equal(["given_name", "family_name"], result.Fields.Select(f => f.Field));
    }
}
