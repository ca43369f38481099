using Braid.Core.Equity;
using Braid.Core.Referrals;

namespace Braid.Core.Tests.Referrals;

/// <summary>The referral outcome table: each measure as its definition on the dashboard states it, worked out by hand.</summary>
public sealed class ReferralOutcomesTests
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Sent.AddDays(60);

    private static ReferralOutcome Outcome(string id, ReferralStatus status, DateTimeOffset? sent = null) => new()
    {
        Referral = id, Need = "food-insecurity", Status = status, SentAt = sent ?? Sent, RaceEthnicity = "Black or African American|White", BirthDate = new DateOnly(1991, 3, 3),
    };

    // An empty cell has no level (code -1).
    private static string Cell(EquityTable table, string column, int row) => table[column].Codes[row] is >= 0 and var code ? table[column].Levels[code] : "";

    [Fact]
    public void Each_measure_is_set_only_where_it_applies()
    {
        var table = ReferralOutcomes.Table(
        [
            Outcome("met", ReferralStatus.Completed) with { NeedMet = NeedMet.Yes, AnsweredAt = Sent.AddHours(5), FirstContactAt = Sent.AddHours(36) },
            Outcome("partly", ReferralStatus.Completed) with { NeedMet = NeedMet.Partly, AnsweredAt = Sent.AddHours(5) },
            Outcome("declined", ReferralStatus.Rejected) with { Reason = ReferralReason.NoCapacity, AnsweredAt = Sent.AddHours(5) },
            Outcome("expired", ReferralStatus.Cancelled) with { Reason = ReferralReason.Expired },
            Outcome("withdrawn", ReferralStatus.Cancelled) with { Reason = ReferralReason.GotHelpElsewhere },
            Outcome("stale", ReferralStatus.Accepted) with { AnsweredAt = Sent.AddHours(5) },
            Outcome("fresh", ReferralStatus.Requested, Now.AddDays(-2)),
            Outcome("draft", ReferralStatus.Draft),
        ], ReferralSla.Default, Now);

        Assert.Equal(7, table.RowCount);
        Assert.Equal(["1", "1", "1", "0", "", "0", ""], Enumerable.Range(0, 7).Select(r => Cell(table, "loop_closed", r)));
        Assert.Equal(["1", "0", "", "", "", "", ""], Enumerable.Range(0, 7).Select(r => Cell(table, "need_met", r)));
        Assert.Equal(["0", "0", "1", "", "", "0", ""], Enumerable.Range(0, 7).Select(r => Cell(table, "declined", r)));
        Assert.Equal(["0", "0", "1", "", "", "0", ""], Enumerable.Range(0, 7).Select(r => Cell(table, "declined_no_capacity", r)));
        Assert.Equal(["0", "0", "0", "", "", "0", ""], Enumerable.Range(0, 7).Select(r => Cell(table, "declined_not_eligible", r)));
        Assert.Equal(1.5, table["days_to_first_contact"].Numbers[0]);
        Assert.Equal("18-34", Cell(table, "age_band", 0)); // 34 until the next day
        Assert.Equal("Black or African American|White", Cell(table, "race", 0));
    }

    [Fact]
    public void What_the_person_said_is_an_outcome_only_where_they_said_it()
    {
        var table = ReferralOutcomes.Table(
        [
            Outcome("glad", ReferralStatus.Completed) with { Feedback = new() { Referral = new("glad"), Helpful = NeedMet.Yes, Respectful = true, InLanguage = true, NeedMet = NeedMet.Yes } },
            Outcome("unheard", ReferralStatus.Completed) with { Feedback = new() { Referral = new("unheard"), Helpful = NeedMet.Partly, Respectful = false, InLanguage = false, NeedMet = NeedMet.No } },
            Outcome("words only", ReferralStatus.Rejected) with { Feedback = new() { Referral = new("words only"), Text = "They never called back." } },
            Outcome("silent", ReferralStatus.Completed),
        ], ReferralSla.Default, Now);

        Assert.Equal(["1", "0", "", ""], Enumerable.Range(0, 4).Select(r => Cell(table, "felt_helped", r)));
        Assert.Equal(["1", "0", "", ""], Enumerable.Range(0, 4).Select(r => Cell(table, "felt_respected", r)));
        Assert.Equal(["1", "0", "", ""], Enumerable.Range(0, 4).Select(r => Cell(table, "served_in_language", r)));
        Assert.Equal(["1", "0", "", ""], Enumerable.Range(0, 4).Select(r => Cell(table, "person_need_met", r)));
    }

    [Fact]
    public void An_organization_sees_each_answer_as_a_share_withheld_below_eleven_people()
    {
        static ReferralFeedback Said(bool respected, NeedMet? helped = null) => new() { Referral = new("r"), Respectful = respected, Helpful = helped };

        // 15 answered respect, 12 yes and 3 no: 3 is fewer than 11 who said otherwise, so the share is withheld.
        var few = FeedbackSummary.Of([.. Enumerable.Range(0, 15).Select(i => Said(i < 12))], minimumCell: 11);
        Assert.Equal((15, true), (few.Single(f => f.Question == "felt_respected").Answered, few.Single(f => f.Question == "felt_respected").Withheld));
        Assert.Equal((0, false), (few.Single(f => f.Question == "felt_helped").Answered, few.Single(f => f.Question == "felt_helped").Withheld));

        // 30 answered, 18 yes and 12 no: shown, 60 % with its Wilson interval (0.4232 to 0.7541, by hand from z = 1.96).
        var enough = FeedbackSummary.Of([.. Enumerable.Range(0, 30).Select(i => Said(i < 18, i < 5 ? NeedMet.Yes : null))], minimumCell: 11);
        var respected = enough.Single(f => f.Question == "felt_respected").Yes!;
        Assert.Equal((0.6, 0.4232, 0.7541), (respected.Estimate.Estimate, Math.Round(respected.Estimate.Lower, 4), Math.Round(respected.Estimate.Upper, 4)));
        Assert.True(enough.Single(f => f.Question == "felt_helped").Withheld); // 5 answered
    }

    [Theory]
    [InlineData("2008-03-02", "2026-03-02", "18-34")]
    [InlineData("2008-03-03", "2026-03-02", "0-17")]
    [InlineData("1961-03-02", "2026-03-02", "65+")]
    [InlineData("1961-03-03", "2026-03-02", "50-64")]
    public void Age_bands_turn_on_the_birthday(string born, string sent, string band) =>
        Assert.Equal(band, ReferralOutcomes.AgeBand(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture)));
}
