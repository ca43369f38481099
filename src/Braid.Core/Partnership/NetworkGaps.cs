using Braid.Core.Referrals;

namespace Braid.Core.Partnership;

/// <summary>A need a screening found (and the person did not turn down), where the person lives, and whether any referral for it was taken up.</summary>
public sealed record ScreenedNeed(string Category, string? Tract, bool TakenUp);

/// <summary>A referral as the gaps see it: for what need, to which service, for someone living where, and how it was answered.</summary>
public sealed record AnsweredReferral(string Need, string Service, string? Tract, ReferralStatus Status, ReferralReason? Reason, DateTimeOffset? AnsweredAt);

/// <summary>One tract's gaps: needs found and not taken up by any service, and referrals declined for lack of capacity.</summary>
public sealed record TractGap(string Tract, int Unmet, int NoCapacity);

/// <summary>Where the network falls short: by tract, declines for no capacity by need and by service, and the services whose latest answer says they are full.</summary>
public sealed record NetworkGapReport(IReadOnlyList<TractGap> Tracts, IReadOnlyList<(string Need, int Declines)> NoCapacityByNeed,
    IReadOnlyList<(string Service, int Declines)> NoCapacityByService, IReadOnlyList<string> FullServices);

/// <summary>
/// Network gaps from screenings and referrals: a positive screen's need is unmet while no referral
/// for it was accepted (accepted, in progress, on hold or completed); a decline for "no capacity"
/// counts against the need, the service and the person's tract; a service is full when its latest
/// answer, within <see cref="FullWithin"/>, was such a decline.
/// </summary>
public static class NetworkGaps
{
    public static readonly TimeSpan FullWithin = TimeSpan.FromDays(30);

    /// <summary>The statuses that show a service took the person on.</summary>
    public static readonly IReadOnlySet<ReferralStatus> TakenUp = new HashSet<ReferralStatus> { ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold, ReferralStatus.Completed };

    public static NetworkGapReport Compute(IEnumerable<ScreenedNeed> needs, IEnumerable<AnsweredReferral> referrals, DateTimeOffset now)
    {
        var unmet = needs.Where(n => !n.TakenUp && n.Tract is not null).GroupBy(n => n.Tract!).ToDictionary(g => g.Key, g => g.Count());
        var answered = referrals.ToList();
        var declined = answered.Where(r => r.Status == ReferralStatus.Rejected && r.Reason == ReferralReason.NoCapacity).ToList();
        var noCapacity = declined.Where(r => r.Tract is not null).GroupBy(r => r.Tract!).ToDictionary(g => g.Key, g => g.Count());
        var tracts = unmet.Keys.Union(noCapacity.Keys).Order(StringComparer.Ordinal)
            .Select(t => new TractGap(t, unmet.GetValueOrDefault(t), noCapacity.GetValueOrDefault(t))).ToList();
        var full = answered.Where(r => r.AnsweredAt is { } at && now - at <= FullWithin && (r.Status == ReferralStatus.Rejected || TakenUp.Contains(r.Status)))
            .GroupBy(r => r.Service).Where(g => g.MaxBy(r => r.AnsweredAt) is { Status: ReferralStatus.Rejected, Reason: ReferralReason.NoCapacity })
            .Select(g => g.Key).Order(StringComparer.CurrentCulture).ToList();
        return new NetworkGapReport(tracts,
            [.. declined.GroupBy(r => r.Need).Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal)],
            [.. declined.GroupBy(r => r.Service).Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal)],
            full);
    }

    /// <summary>
    /// The class of a count on the map: 0 none, 1 withheld (1 to <paramref name="minimumCell"/> − 1,
    /// too few to show), then 2 to 4 by the thresholds given (counts at or above each).
    /// </summary>
    public static int Class(int count, int minimumCell, IReadOnlyList<int> thresholds) =>
        count == 0 ? 0 : count < minimumCell ? 1 : 2 + thresholds.Count(t => count >= t);
}
