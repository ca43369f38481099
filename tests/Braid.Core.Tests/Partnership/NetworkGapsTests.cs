using Braid.Core.Partnership;
using Braid.Core.Referrals;

namespace Braid.Core.Tests.Partnership;

public sealed class NetworkGapsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unmet_needs_and_no_capacity_declines_are_counted_by_tract_and_a_service_is_full_when_its_latest_answer_says_so()
    {
        ScreenedNeed[] needs =
        [
            new("food-insecurity", "24510010100", TakenUp: false), new("food-insecurity", "24510010100", TakenUp: true),
            new("housing-instability", "24510010100", TakenUp: false), new("utility-insecurity", "24510020100", TakenUp: false),
            new("food-insecurity", null, TakenUp: false), // no tract: not on the map
        ];
        AnsweredReferral[] referrals =
        [
            new("food-insecurity", "Pantry", "24510010100", ReferralStatus.Rejected, ReferralReason.NoCapacity, Now.AddDays(-3)),
            new("food-insecurity", "Pantry", "24510030100", ReferralStatus.Rejected, ReferralReason.NoCapacity, Now.AddDays(-2)),
            new("housing-instability", "Shelter", "24510030100", ReferralStatus.Rejected, ReferralReason.NoCapacity, Now.AddDays(-10)),
            new("housing-instability", "Shelter", "24510030100", ReferralStatus.Accepted, null, Now.AddDays(-1)), // took someone on since: not full
            new("utility-insecurity", "Energy", "24510020100", ReferralStatus.Rejected, ReferralReason.NotEligible, Now.AddDays(-1)),
            new("utility-insecurity", "Old", "24510020100", ReferralStatus.Rejected, ReferralReason.NoCapacity, Now.AddDays(-45)), // too long ago to say it is full
        ];

        var report = NetworkGaps.Compute(needs, referrals, Now);

        Assert.Equal([new TractGap("24510010100", 2, 1), new TractGap("24510020100", 1, 1), new TractGap("24510030100", 0, 2)], report.Tracts);
        Assert.Equal([("food-insecurity", 2), ("housing-instability", 1), ("utility-insecurity", 1)], report.NoCapacityByNeed);
        Assert.Equal([("Pantry", 2), ("Old", 1), ("Shelter", 1)], report.NoCapacityByService);
        Assert.Equal(["Pantry"], report.FullServices);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(19, 2)]
    [InlineData(20, 3)]
    [InlineData(40, 4)]
    public void A_count_below_the_minimum_cell_falls_in_the_withheld_class(int count, int expected) =>
        Assert.Equal(expected, NetworkGaps.Class(count, 11, [20, 40]));
}
