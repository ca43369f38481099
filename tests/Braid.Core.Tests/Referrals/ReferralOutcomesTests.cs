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

    [Theory]
    [InlineData("2008-03-02", "2026-03-02", "18-34")]
    [InlineData("2008-03-03", "2026-03-02", "0-17")]
    [InlineData("1961-03-02", "2026-03-02", "65+")]
    [InlineData("1961-03-03", "2026-03-02", "50-64")]
    public void Age_bands_turn_on_the_birthday(string born, string sent, string band) =>
        Assert.Equal(band, ReferralOutcomes.AgeBand(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture)));
}
