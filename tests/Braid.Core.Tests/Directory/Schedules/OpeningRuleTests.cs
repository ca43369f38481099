using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Schedules;

namespace Braid.Core.Tests.Directory.Schedules;

public sealed class OpeningRuleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private static OpeningHours Hours(string byday, string opens, string closes, TimeZoneInfo zone, string? freq = "WEEKLY", string? validFrom = null, string? validTo = null) =>
        new([OpeningRule.FromHsds(new Schedule { Id = "s", Freq = freq, Byday = byday, OpensAt = opens, ClosesAt = closes, ValidFrom = validFrom, ValidTo = validTo })!], zone);

    [Fact]
    public void Given_friday_22_to_02_When_it_is_saturday_00_30_Then_it_is_open()
    {
        var hours = Hours("FR", "22:00:00", "02:00:00", NewYork);
        // Saturday 2026-11-21 00:30 EST = 05:30 UTC
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 11, 21, 5, 30, 0, TimeSpan.Zero)));
        // Saturday 02:30 EST: closed; Friday 21:59 EST: not yet open.
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 21, 7, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 21, 2, 59, 0, TimeSpan.Zero)));
        // Sunday 00:30 follows a Saturday, not a Friday: closed.
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 22, 5, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Given_the_same_instant_When_read_in_two_time_zones_Then_local_hours_decide()
    {
        // 2026-11-23 (Monday) 14:30 UTC is 09:30 in New York and 06:30 in Los Angeles.
        var instant = new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);
        Assert.True(Hours("MO", "09:00", "17:00", NewYork).IsOpenAt(instant));
        Assert.False(Hours("MO", "09:00", "17:00", LosAngeles).IsOpenAt(instant));
    }

    [Fact]
    public void Given_9_to_5_When_daylight_saving_time_starts_Then_the_same_utc_instant_moves_from_closed_to_open()
    {
        var hours = Hours("MO,TU,WE,TH,FR,SA,SU", "09:00", "17:00", NewYork);
        // US DST began 2026-03-08. 13:30 UTC is 08:30 EST on 03-06 (closed) and 09:30 EDT on 03-09 (open).
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 3, 6, 13, 30, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 3, 9, 13, 30, 0, TimeSpan.Zero)));
        // DST ended 2026-11-01: 13:30 UTC is 08:30 EST on 11-02 (closed).
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 2, 13, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Given_an_overnight_shelter_When_the_clocks_fall_back_Then_it_stays_open_through_the_repeated_hour()
    {
        var hours = Hours("SA", "19:00", "07:00", NewYork);
        // Night of Sat 2026-10-31 → Sun 11-01; 01:30 happens twice (05:30 and 06:30 UTC).
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero)));
        // 07:30 EST Sunday = 12:30 UTC: closed.
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 1, 12, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Given_around_the_clock_hours_Then_open_at_midnight()
    {
        var hours = Hours("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00", NewYork);
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Given_valid_from_and_to_Then_outside_the_dates_it_is_closed()
    {
        var hours = Hours("MO", "09:00", "17:00", NewYork, validFrom: "2026-12-01", validTo: "2026-12-31");
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Given_monthly_first_monday_Then_only_that_monday_is_open()
    {
        var hours = Hours("1MO", "09:00", "12:00", NewYork, freq: "MONTHLY");
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero)));  // first Monday of December
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 12, 14, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Given_no_hours_Then_open_status_is_unknown() =>
        Assert.Null(new OpeningHours([], NewYork).IsOpenAt(DateTimeOffset.UtcNow));

    [Theory]
    [InlineData("MO,TU", true)]
    [InlineData("1MO,-1FR", true)]
    [InlineData("Monday", false)]
    [InlineData("XX", false)]
    public void ByDay_validation_follows_RFC_5545(string text, bool valid) => Assert.Equal(valid, OpeningRule.IsValidByDay(text));
}
