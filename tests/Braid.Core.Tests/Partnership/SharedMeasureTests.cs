using Braid.Core.Partnership;
using Braid.Core.Referrals;

namespace Braid.Core.Tests.Partnership;

/// <summary>Shared measures quarter by quarter, on referrals whose answers are worked out by hand here.</summary>
public sealed class SharedMeasureTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private static SharedMeasure Measure(MeasureKind kind, string? need = null, double target = 0.5) => new()
    {
        Id = "m", Name = "Measure", Kind = kind, Need = need, Target = target, Owner = new OrganizationId("backbone"), Steward = "Ana",
    };

    private static ReferralOutcome Referral(int i, DateTimeOffset sent, ReferralStatus status, NeedMet? met = null, double? contactDays = null, string need = "food-insecurity") => new()
    {
        Referral = "r" + i, Need = need, Status = status, NeedMet = met, SentAt = sent,
        AnsweredAt = status is ReferralStatus.Requested or ReferralStatus.Draft ? null : sent.AddHours(5),
        FirstContactAt = contactDays is { } d ? sent.AddDays(d) : null,
    };

    [Fact]
    public void The_need_met_rate_is_the_share_of_a_quarters_completed_referrals_met_in_full_and_a_quarter_under_eleven_is_withheld()
    {
        var q1 = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);
        var referrals = Enumerable.Range(0, 9).Select(i => Referral(i, q1, ReferralStatus.Completed, NeedMet.Yes))
            .Concat(Enumerable.Range(9, 2).Select(i => Referral(i, q1, ReferralStatus.Completed, NeedMet.Partly)))
            .Concat([Referral(11, q1, ReferralStatus.Completed, NeedMet.No)])
            .Concat(Enumerable.Range(12, 4).Select(i => Referral(i, q1, ReferralStatus.Accepted))) // not completed: not counted
            .Concat([Referral(16, q1, ReferralStatus.EnteredInError)])
            .Concat(Enumerable.Range(20, 10).Select(i => Referral(i, q1.AddMonths(3), ReferralStatus.Completed, NeedMet.Yes)))
            .ToList();

        var trend = MeasureRules.Quarterly(Measure(MeasureKind.NeedMet), referrals, [], ReferralSla.Default, Now);

        Assert.Equal([new MeasurePoint(new DateOnly(2026, 1, 1), 9.0 / 12, 12), new MeasurePoint(new DateOnly(2026, 4, 1), null, 10)], trend);
        Assert.Equal(["2026-Q1", "2026-Q2"], trend.Select(p => p.Label));
    }

    [Fact]
    public void Time_to_first_contact_is_the_median_and_a_need_limits_what_is_counted()
    {
        var sent = new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero);
        double[] days = [0.5, 1, 1, 2, 2, 3, 4, 4, 5, 9, 30, 2.5];
        var referrals = days.Select((d, i) => Referral(i, sent, ReferralStatus.InProgress, contactDays: d))
            .Append(Referral(99, sent, ReferralStatus.InProgress, contactDays: 100, need: "homelessness")).ToList();

        var trend = MeasureRules.Quarterly(Measure(MeasureKind.DaysToFirstContact, "food-insecurity", 2), referrals, [], ReferralSla.Default, Now);

        // Sorted: 0.5 1 1 2 2 2.5 3 4 4 5 9 30; the median of twelve is the mean of the sixth and seventh.
        Assert.Equal(new MeasurePoint(new DateOnly(2025, 10, 1), 2.75, 12), trend[0]);
        Assert.Equal(3, trend.Count); // 2025-Q4 to 2026-Q2, the empty quarters withheld
        Assert.All(trend.Skip(1), p => Assert.Equal((null, 0), (p.Value, p.Units)));
    }

    [Fact]
    public void The_loop_is_closed_by_an_answer_missed_when_the_referral_expired_and_unknown_while_it_is_open_within_its_deadline()
    {
        var sent = Now.AddDays(-10);
        var referrals = Enumerable.Range(0, 6).Select(i => Referral(i, sent, ReferralStatus.Completed, NeedMet.Yes))
            .Concat(Enumerable.Range(6, 3).Select(i => Referral(i, sent, ReferralStatus.Rejected)))
            .Concat(Enumerable.Range(9, 2).Select(i => Referral(i, sent, ReferralStatus.Cancelled) with { Reason = ReferralReason.Expired }))
            .Concat(Enumerable.Range(11, 5).Select(i => Referral(i, sent, ReferralStatus.Requested))) // within the 30-day close deadline
            .ToList();

        var trend = MeasureRules.Quarterly(Measure(MeasureKind.LoopClosed), referrals, [], ReferralSla.Default, Now);

        Assert.Equal([new MeasurePoint(new DateOnly(2026, 4, 1), 9.0 / 11, 11)], trend);
    }

    [Fact]
    public void People_screened_counts_completed_screenings_and_for_a_need_those_that_found_it()
    {
        var at = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var screened = Enumerable.Range(0, 14).Select(i => new ScreenedPerson("p" + i, at, "White", null, i < 11 ? new HashSet<string> { "food-insecurity" } : new HashSet<string>(), false)).ToList();

        Assert.Equal(14, MeasureRules.Quarterly(Measure(MeasureKind.PeopleScreened, target: 10), [], screened, ReferralSla.Default, Now).Single().Value);
        Assert.Equal(11, MeasureRules.Quarterly(Measure(MeasureKind.PeopleScreened, "food-insecurity", 10), [], screened, ReferralSla.Default, Now).Single().Value);

        // Its equity view: of those who screened positive, whether a referral was taken up; those with no need are not asked.
        var table = ScreenedPerson.Table(screened, null);
        Assert.Equal(14, table.RowCount);
    }

    [Theory]
    [InlineData(MeasureKind.NeedMet, 1.2, "target")]
    [InlineData(MeasureKind.Declined, -0.1, "target")]
    [InlineData(MeasureKind.DaysToFirstContact, 400, "target")]
    [InlineData(MeasureKind.DaysToFirstContact, double.NaN, "target")]
    [InlineData(MeasureKind.PeopleScreened, 500, null)]
    [InlineData(MeasureKind.DaysToFirstContact, 3, null)]
    public void A_target_must_lie_in_the_measures_own_unit(MeasureKind kind, double target, string? wrong)
    {
        var errors = Measure(kind, target: target).Validate();
        Assert.Equal(wrong is null ? [] : [wrong], errors.Keys);
    }

    [Fact]
    public void A_measure_needs_a_name_a_steward_and_a_known_need()
    {
        var errors = (Measure(MeasureKind.NeedMet) with { Name = " ", Steward = "", Need = "weather" }).Validate();
        Assert.Equal(["name", "need", "steward"], errors.Keys.Order());
    }

    [Theory]
    [InlineData(MeasureKind.NeedMet, 0.8, 0.79, false)]
    [InlineData(MeasureKind.NeedMet, 0.8, 0.8, true)]
    [InlineData(MeasureKind.DaysToFirstContact, 2, 1.5, true)]
    [InlineData(MeasureKind.Declined, 0.1, 0.2, false)]
    public void Meeting_the_target_goes_the_measures_way(MeasureKind kind, double target, double value, bool meets) =>
        Assert.Equal(meets, MeasureRules.Meets(kind, value, target));
}
