using Braid.Core.Screening;

namespace Braid.Core.Tests.Screening;

public sealed class ScreeningTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private static Braid.Core.Screening.Screening Start() =>
        new() { Id = "s1", Person = new PersonId("p1"), Instrument = AhcHrsn.Core, StartedBy = "user:navigator", StartedAt = Now, Language = "es" };

    [Fact]
    public void A_partial_screening_resumes_at_the_first_item_without_a_response_and_a_declined_item_counts_as_unanswered()
    {
        var screening = Start().Respond("71802-3", new ItemResponse(["LA31993-1"])).Screening!
            .Respond("96778-6", ItemResponse.Decline).Screening!;

        Assert.Equal("88122-7", screening.Next!.Loinc);
        Assert.True(screening.Responses["96778-6"].Declined);
        Assert.Equal(DomainOutcome.Incomplete, screening.Results.Single(r => r.Domain == "housing-instability").Outcome);
    }

    [Theory]
    [InlineData("12345-6", "LA33-6", "screening-unknown-item")]
    [InlineData("93030-5", "LA9999-9", "screening-unknown-answer")]
    [InlineData("93030-5", "LA33-6,LA32-8", "screening-one-answer")]
    [InlineData("96778-6", "LA28580-1,LA9-3", "screening-none-with-others")]
    [InlineData("93030-5", "", "screening-no-answer")]
    public void An_answer_the_instrument_does_not_allow_is_refused_with_a_reason(string loinc, string codes, string error)
    {
        var (screening, refused) = Start().Respond(loinc, new ItemResponse(codes.Split(',', StringSplitOptions.RemoveEmptyEntries)));

        Assert.Null(screening);
        Assert.Equal(error, refused!.Key);
    }

    [Fact]
    public void A_completed_screening_refuses_changes()
    {
        var done = Start().Respond("93030-5", new ItemResponse(["LA33-6"])).Screening!.Complete(Now);

        Assert.Throws<DomainRuleException>(() => done.Respond("96779-4", new ItemResponse(["LA32-8"])));
        Assert.Throws<DomainRuleException>(() => done.Complete(Now));
    }
}
