using Braid.Core;
using Braid.Core.Partnership;
using Braid.Core.Referrals;

namespace Braid.Data.Partnership;

public sealed class SharedMeasureRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Need { get; set; }
    public double Target { get; set; }
    public string OwnerOrganizationId { get; set; } = "";
    public string Steward { get; set; } = "";
    public string? About { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The partnership's shared measure definitions, and the screenings the people-screened measure counts.</summary>
public sealed class MeasureStore(BraidDbContext db)
{
    private static readonly string[] TakenUp = [.. NetworkGaps.TakenUp.Select(s => s.Code())];

    public async Task<IReadOnlyList<SharedMeasure>> AllAsync(CommunityId community, CancellationToken ct = default) =>
        [.. (await db.SharedMeasures.AsNoTracking().Where(m => m.CommunityId == community.Value).ToListAsync(ct)).Select(ToMeasure).OrderBy(m => m.Name, StringComparer.CurrentCulture)];

    public async Task<SharedMeasure?> FindAsync(CommunityId community, string id, CancellationToken ct = default) =>
        await db.SharedMeasures.AsNoTracking().FirstOrDefaultAsync(m => m.CommunityId == community.Value && m.Id == id, ct) is { } row ? ToMeasure(row) : null;

    /// <summary>Adds the measure, or replaces the definition of the one with its id.</summary>
    public async Task SaveAsync(CommunityId community, SharedMeasure measure, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        var row = await db.SharedMeasures.FirstOrDefaultAsync(m => m.CommunityId == community.Value && m.Id == measure.Id, ct);
        if (row is null)
        {
            row = new SharedMeasureRow { CommunityId = community.Value, Id = measure.Id, CreatedBy = by, CreatedAt = now };
            db.SharedMeasures.Add(row);
        }

        row.Name = measure.Name;
        row.Kind = MeasureRules.Code(measure.Kind);
        row.Need = measure.Need;
        row.Target = measure.Target;
        row.OwnerOrganizationId = measure.Owner.Value;
        row.Steward = measure.Steward;
        row.About = measure.About;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Everyone with a completed screening (each screening once), with the needs it found and whether a referral for one of them was taken up.</summary>
    public async Task<IReadOnlyList<ScreenedPerson>> ScreenedAsync(CommunityId community, CancellationToken ct = default)
    {
        var c = community.Value;
        var screenings = await (from s in db.Screenings.AsNoTracking()
                                join p in db.People.AsNoTracking() on new { s.CommunityId, Id = s.PersonId } equals new { p.CommunityId, p.Id }
                                where s.CommunityId == c && s.CompletedAt != null && p.MergedInto == null
                                select new { s.Id, s.PersonId, s.CompletedAt, p.RaceEthnicity, p.BirthDate }).ToListAsync(ct);
        var needs = (await db.Needs.AsNoTracking().Where(n => n.CommunityId == c && n.ScreeningId != null && n.Status != "rejected")
                .Select(n => new { n.ScreeningId, n.Category, TakenUp = db.Referrals.Any(r => r.CommunityId == c && r.NeedId == n.Id && TakenUp.Contains(r.Status)) }).ToListAsync(ct))
            .ToLookup(n => n.ScreeningId!);
        return [.. screenings.Select(s => new ScreenedPerson(s.PersonId, s.CompletedAt!.Value, s.RaceEthnicity, s.BirthDate,
            needs[s.Id].Select(n => n.Category).ToHashSet(), needs[s.Id].Any(n => n.TakenUp)))];
    }

    private static SharedMeasure ToMeasure(SharedMeasureRow r) => new()
    {
        Id = r.Id, Name = r.Name, Kind = MeasureRules.FromCode(r.Kind) ?? throw new InvalidOperationException($"Shared measure {r.Id} has the unknown kind '{r.Kind}'."),
        Need = r.Need, Target = r.Target, Owner = new OrganizationId(r.OwnerOrganizationId), Steward = r.Steward, About = r.About,
    };
}
