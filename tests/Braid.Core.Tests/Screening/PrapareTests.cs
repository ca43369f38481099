using Braid.Core.People;
using Braid.Core.Screening;

namespace Braid.Core.Tests.Screening;

/// <summary>
/// PRAPARE's positive-screen rules are Braid's own (PRAPARE publishes none): this table is that rule,
/// written out answer by answer, with the SDOH category each positive answer proposes.
/// </summary>
public sealed class PrapareTests
{
    private static Braid.Core.Screening.Screening Start() =>
        new() { Id = "p1", Person = new PersonId("p1"), Instrument = Prapare.Instance, StartedBy = "user:navigator", StartedAt = DateTimeOffset.UnixEpoch, Language = "en" };

    [Theory]
    [InlineData("71802-3", "LA30190-5", "homelessness")]
    [InlineData("71802-3", "LA30189-7", null)]
    [InlineData("93033-9", "LA33-6", "housing-instability")]
    [InlineData("93033-9", "LA32-8", null)]
    [InlineData("82589-3", "LA30191-3", "educational-attainment")]
    [InlineData("82589-3", "LA30192-1", null)]
    [InlineData("67875-5", "LA17956-6", "employment-status")]
    [InlineData("67875-5", "LA30137-6", null)]
    [InlineData("76437-3", "LA30194-7", "health-insurance-coverage-status")]
    [InlineData("76437-3", "LA17849-3", null)]
    [InlineData("93031-3", "LA30125-1", "food-insecurity")]
    [InlineData("93031-3", "LA30124-4", "utility-insecurity")]
    [InlineData("93031-3", "LA30126-9", "material-hardship")]
    [InlineData("93031-3", "LA30128-5", "material-hardship")]
    [InlineData("93030-5", "LA30133-5", "transportation-insecurity")]
    [InlineData("93030-5", "LA30134-3", "transportation-insecurity")]
    [InlineData("93030-5", "LA32-8", null)]
    [InlineData("93029-7", "LA27722-0", "social-connection")]
    [InlineData("93029-7", "LA30130-1", null)]
    [InlineData("93038-8", "LA13902-4", "stress")]
    [InlineData("93038-8", "LA13914-9", "stress")]
    [InlineData("93038-8", "LA13909-9", null)]
    [InlineData("93026-3", "LA32-8", "sdoh-category-unspecified")]
    [InlineData("93026-3", "LA14072-5", "sdoh-category-unspecified")]
    [InlineData("93026-3", "LA33-6", null)]
    [InlineData("76501-6", "LA33-6", "intimate-partner-violence")]
    [InlineData("76501-6", "LA32-8", null)]
    public void Each_answer_that_names_a_risk_proposes_its_need_and_no_other_does(string loinc, string code, string? category)
    {
        var screening = Start().Respond(loinc, new ItemResponse([code])).Screening!;

        Assert.Equal(category is null ? [] : [category], screening.PositiveCategories);
        var domain = screening.Results.Single(r => r.Domain == Prapare.Instance.Find(loinc)!.Domain);
        if (category is not null) Assert.Equal(DomainOutcome.Positive, domain.Outcome);
        else Assert.NotEqual(DomainOutcome.Positive, domain.Outcome);
    }

    [Theory]
    [InlineData("93028-9")]
    [InlineData("93027-1")]
    [InlineData("93034-7")]
    [InlineData("93035-4")]
    [InlineData("56051-6")]
    public void Incarceration_refugee_status_service_farm_work_and_ethnicity_are_recorded_never_judged(string loinc)
    {
        var screening = Start().Respond(loinc, new ItemResponse(["LA33-6"])).Screening!;

        Assert.Empty(screening.PositiveCategories);
        Assert.DoesNotContain(screening.Results, r => r.Domain == Prapare.Instance.Find(loinc)!.Domain);
    }

    [Fact]
    public void Braid_says_the_rules_are_its_own_and_asks_the_IGs_items()
    {
        Assert.True(Prapare.Instance.RulesAreBraids);
        Assert.Equal(21, Prapare.Instance.Questions.Count);
        Assert.Equal(["education", "employment", "housing-instability", "insurance", "interpersonal-safety", "material-security", "social-integration", "stress", "transportation"],
            Prapare.Instance.ScreenedDomains.Order());
    }

    [Theory]
    [InlineData("63512-8", "6", "6")]
    [InlineData("63512-8", " 30 ", "30")]
    [InlineData("63586-2", "25000", "25000")]
    [InlineData("63586-2", "18250.50", "18250.50")]
    [InlineData("63586-2", "0", "0")]
    [InlineData("56799-0", "  12 N Charles St ", "12 N Charles St")]
    public void Counts_incomes_and_words_are_kept_in_a_canonical_form(string loinc, string given, string kept)
    {
        var (screening, error) = Start().Respond(loinc, ItemResponse.Of(given));

        Assert.Null(error);
        Assert.Equal(kept, screening!.Responses[loinc].Value);
        Assert.Empty(screening.Responses[loinc].Codes);
    }

    [Theory]
    [InlineData("63512-8", "0", "screening-bad-whole-number")]
    [InlineData("63512-8", "31", "screening-bad-whole-number")]
    [InlineData("63512-8", "2.5", "screening-bad-whole-number")]
    [InlineData("63512-8", "six", "screening-bad-whole-number")]
    [InlineData("63586-2", "-1", "screening-bad-number")]
    [InlineData("63586-2", "NaN", "screening-bad-number")]
    [InlineData("63586-2", "1e9", "screening-bad-number")]
    [InlineData("63586-2", "10000001", "screening-bad-number")]
    [InlineData("63586-2", "", "screening-no-answer")]
    [InlineData("56799-0", "   ", "screening-no-answer")]
    public void A_number_out_of_range_or_not_a_number_is_refused_naming_it(string loinc, string given, string key)
    {
        var (screening, error) = Start().Respond(loinc, ItemResponse.Of(given));

        Assert.Null(screening);
        Assert.Equal(key, error!.Key);
    }

    [Fact]
    public void Words_past_the_limit_and_codes_on_a_number_item_are_refused()
    {
        Assert.Equal("screening-text-too-long", Start().Respond("56799-0", ItemResponse.Of(new string('a', Question.MaxTextLength + 1))).Error!.Key);
        Assert.Equal("screening-unknown-answer", Start().Respond("63512-8", new ItemResponse(["LA33-6"])).Error!.Key);
        Assert.Equal("screening-no-answer", Start().Respond("93031-3", ItemResponse.Of("Food")).Error!.Key);
    }

    [Theory]
    [InlineData("93030-5", "LA30133-5,LA30134-3", null)]
    [InlineData("93030-5", "LA30133-5,LA32-8", "screening-none-with-others")]
    [InlineData("93030-5", "LA30257-2,LA32-8", "screening-none-with-others")]
    [InlineData("93031-3", "LA30125-1,LA46-8", null)]
    [InlineData("32624-9", "LA14042-8,LA4457-3", null)]
    [InlineData("93038-8", "LA13902-4,LA13914-9", "screening-one-answer")]
    [InlineData("93031-3", "LA30122-8", "screening-unknown-answer")]
    public void No_and_unable_to_respond_stand_alone_and_several_answers_only_where_PRAPARE_allows(string loinc, string codes, string? key)
    {
        Assert.Equal(key, Start().Respond(loinc, new ItemResponse(codes.Split(','))).Error?.Key);
    }

    [Theory]
    [InlineData("93026-3", DataCategory.InterpersonalSafety)]
    [InlineData("76501-6", DataCategory.InterpersonalSafety)]
    [InlineData("93027-1", DataCategory.Immigration)]
    [InlineData("93028-9", DataCategory.Legal)]
    [InlineData("56799-0", DataCategory.Contact)]
    [InlineData("32624-9", DataCategory.Demographics)]
    [InlineData("93031-3", DataCategory.Screening)]
    public void Sensitive_answers_belong_to_their_own_consent_category(string loinc, DataCategory category)
    {
        Assert.Equal(category, Prapare.Instance.Find(loinc)!.ConsentCategory);
    }
}
