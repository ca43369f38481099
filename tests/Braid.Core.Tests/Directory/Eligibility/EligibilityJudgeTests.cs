using Braid.Core.Directory.Eligibility;

namespace Braid.Core.Tests.Directory.Eligibility;

public sealed class EligibilityJudgeTests
{
    // The HHS tables as published, household sizes 1 to 8 (2025, 90 FR 5917; 2024, 89 FR 2961).
    [Theory]
    [InlineData(2025, null, new[] { 15_650, 21_150, 26_650, 32_150, 37_650, 43_150, 48_650, 54_150 })]
    [InlineData(2025, "AK", new[] { 19_550, 26_430, 33_310, 40_190, 47_070, 53_950, 60_830, 67_710 })]
    [InlineData(2025, "HI", new[] { 17_990, 24_320, 30_650, 36_980, 43_310, 49_640, 55_970, 62_300 })]
    [InlineData(2024, "MD", new[] { 15_060, 20_440, 25_820, 31_200, 36_580, 41_960, 47_340, 52_720 })]
    public void The_guideline_for_each_household_size_is_the_published_one(int year, string? state, int[] published) =>
        Assert.Equal(published.Select(p => (decimal)p), Enumerable.Range(1, 8).Select(size => PovertyGuidelines.For(size, state, year).Amount));

    [Fact]
    public void A_year_not_yet_in_the_table_is_judged_by_the_latest_before_it_and_says_so() =>
        Assert.Equal((32_150m, 2025), PovertyGuidelines.For(4, null, 2026));

    private static readonly EligibilityRules Pantry = new() { IncomeLimitPercent = 200, MinimumAge = 18, Zips = ["21201", "21202"], Counties = ["24510"] };

    [Theory]
    // A household of four with $40,000 a year is at 124.4% of the 2025 guideline ($32,150); $64,300 is exactly 200%.
    [InlineData(40_000, RuleOutcome.Met)]
    [InlineData(64_300, RuleOutcome.Met)]
    [InlineData(64_301, RuleOutcome.NotMet)]
    public void Income_is_compared_with_the_limit_as_a_share_of_the_guideline_for_the_household(int income, RuleOutcome outcome)
    {
        var check = EligibilityJudge.Judge(Pantry, new PersonFacts { YearlyIncome = income, HouseholdSize = 4 }, 2025).Checks.Single(c => c.Rule == EligibilityRule.Income);
        Assert.Equal((outcome, 2025), (check.Outcome, check.GuidelineYear!.Value));
        Assert.Equal(Math.Round(income / 321.50m, 1), Math.Round(check.IncomePercent!.Value, 1));
    }

    [Theory]
    [InlineData("100-199-fpl", 200, RuleOutcome.Met)]
    [InlineData("100-199-fpl", 150, RuleOutcome.FactMissing)]
    [InlineData("200-399-fpl", 199, RuleOutcome.NotMet)]
    [InlineData("200-399-fpl", 200, RuleOutcome.FactMissing)]
    [InlineData("400-fpl-or-more", 1000, RuleOutcome.FactMissing)]
    [InlineData("under-100-fpl", 100, RuleOutcome.Met)]
    public void An_income_band_decides_only_when_all_of_it_lies_on_one_side_of_the_limit(string band, int limit, RuleOutcome outcome) =>
        Assert.Equal(outcome, EligibilityJudge.Judge(new EligibilityRules { IncomeLimitPercent = limit }, new PersonFacts { IncomeBand = band }, 2025).Checks.Single().Outcome);

    [Fact]
    public void Likely_only_when_every_rule_is_met_and_a_missing_fact_is_never_guessed()
    {
        var fits = new PersonFacts { Age = 34, HouseholdSize = 4, YearlyIncome = 40_000, Zip = "21201" };
        Assert.Equal(EligibilityVerdict.Likely, EligibilityJudge.Judge(Pantry, fits, 2025).Verdict);

        var noAge = fits with { Age = null };
        var judged = EligibilityJudge.Judge(Pantry, noAge, 2025);
        Assert.Equal(EligibilityVerdict.Unknown, judged.Verdict);
        Assert.Equal(RuleOutcome.FactMissing, judged.Checks.Single(c => c.Rule == EligibilityRule.Age).Outcome);

        // One rule failed decides even when another fact is missing.
        Assert.Equal(EligibilityVerdict.LikelyNot, EligibilityJudge.Judge(Pantry, noAge with { Age = 17 }, 2025).Verdict);
        Assert.Equal(EligibilityVerdict.LikelyNot, EligibilityJudge.Judge(Pantry, noAge with { Age = 70, YearlyIncome = 90_000 }, 2025).Verdict);
        Assert.Equal(EligibilityVerdict.Unknown, EligibilityJudge.Judge(EligibilityRules.None, fits, 2025).Verdict);
    }

    [Fact]
    public void Living_in_a_listed_county_or_ZIP_is_enough_and_outside_is_known_only_when_both_are_known()
    {
        RuleOutcome Residence(PersonFacts f) => EligibilityJudge.Judge(Pantry with { IncomeLimitPercent = null, MinimumAge = null }, f, 2025).Checks.Single().Outcome;
        Assert.Equal(RuleOutcome.Met, Residence(new PersonFacts { Zip = "21202-1234" }));
        Assert.Equal(RuleOutcome.Met, Residence(new PersonFacts { Zip = "21286", County = "24510" }));
        Assert.Equal(RuleOutcome.NotMet, Residence(new PersonFacts { Zip = "21286", County = "24005" }));
        Assert.Equal(RuleOutcome.FactMissing, Residence(new PersonFacts { Zip = "21286" }));
    }

    [Fact]
    public void Rules_out_of_range_are_named()
    {
        var errors = new EligibilityRules { MinimumAge = 65, MaximumAge = 18, IncomeLimitPercent = 0, Counties = ["Baltimore"], Zips = ["2120"] }.Validate();
        Assert.Equal(["counties", "income_limit", "maximum_age", "zips"], errors.Keys.Order());
        Assert.Empty(Pantry.Validate());
    }

    [Fact]
    public void A_persons_record_gives_their_age_on_the_day_their_household_and_their_county_from_their_tract()
    {
        var person = new Braid.Core.People.Person
        {
            Id = new("p"), RegisteredBy = new("o"), BirthDate = new DateOnly(1990, 12, 8), Tract = "24510271400", PostalCode = "21215",
            HouseholdSize = Braid.Core.People.Reported<int>.Answer(3), IncomeBand = Braid.Core.People.Reported<string>.Declined,
        };

        var facts = PersonFacts.Of(person, new DateOnly(2026, 12, 7));
        Assert.Equal((35, 3, null, "24510", "21215"), (facts.Age!.Value, facts.HouseholdSize!.Value, facts.IncomeBand, facts.County, facts.Zip));
        Assert.Equal(36, PersonFacts.Of(person, new DateOnly(2026, 12, 8)).Age);
        Assert.Equal((null, null), PersonFacts.Of(person, new DateOnly(2026, 12, 8), withAddress: false) is var hidden ? (hidden.County, hidden.Zip) : default);
    }
}
