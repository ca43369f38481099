using Braid.Core;
using Braid.Core.Partnership;
using Braid.Core.Referrals;

namespace Braid.Data.Partnership;

/// <summary>What the network-gap report reads: the needs screenings found, the referrals' answers, and where the people live (tract only).</summary>
public sealed class GapsStore(BraidDbContext db)
{
    private static readonly string[] TakenUp = [.. NetworkGaps.TakenUp.Select(s => s.Code())];

    public async Task<(List<ScreenedNeed> Needs, List<AnsweredReferral> Referrals)> InputsAsync(CommunityId community, CancellationToken ct = default)
    {
        var c = community.Value;
        var needs = await (from n in db.Needs.AsNoTracking()
                           join p in db.People.AsNoTracking() on new { n.CommunityId, Id = n.PersonId } equals new { p.CommunityId, p.Id }
                           where n.CommunityId == c && n.ScreeningId != null && n.Status != "rejected" && p.MergedInto == null
                           select new ScreenedNeed(n.Category, p.Tract, db.Referrals.Any(r => r.CommunityId == c && r.NeedId == n.Id && TakenUp.Contains(r.Status))))
            .ToListAsync(ct);
        var referrals = await (from r in db.Referrals.AsNoTracking()
                               join p in db.People.AsNoTracking() on new { r.CommunityId, Id = r.PersonId } equals new { p.CommunityId, p.Id }
                               where r.CommunityId == c
                               select new { r.NeedCategory, r.ServiceName, p.Tract, r.Status, r.Reason, r.UpdatedAt }).ToListAsync(ct);
        return (needs, [.. referrals.Select(r => new AnsweredReferral(r.NeedCategory, r.ServiceName, r.Tract, ReferralWorkflow.FromCode(r.Status) ?? ReferralStatus.Requested,
            ReferralReasons.FromCode(r.Reason), r.UpdatedAt))]);
    }
}
