using Braid.Core;
using Braid.Core.People;

namespace Braid.Data.People;

/// <summary>
/// Carries out a person's deletion request as <see cref="ErasurePlan"/> decided it, in the caller's
/// transaction: what the plan deletes is deleted, what it keeps is left as it was, and nothing
/// else is touched. It decides nothing itself.
/// </summary>
public sealed class ErasureStore(BraidDbContext db)
{
    public async Task<RetentionRules> RulesAsync(CommunityId community, CancellationToken ct = default) =>
        await db.Communities.AsNoTracking().Where(c => c.Id == community.Value)
            .Select(c => new RetentionRules(c.RetentionScreeningYears, c.RetentionConsentYears, c.RetentionReferralYears, c.RetentionDisclosureYears))
            .FirstOrDefaultAsync(ct) ?? RetentionRules.Default;

    /// <summary>Every item of these people's records the plan weighs, with when it ended (by <paramref name="now"/>).</summary>
    public async Task<List<RecordItem>> ItemsAsync(CommunityId community, IReadOnlyCollection<PersonId> people, DateTimeOffset now, CancellationToken ct = default)
    {
        var c = community.Value;
        var ids = people.Select(p => p.Value).ToList();
        var items = new List<RecordItem>();
        items.AddRange((await db.Screenings.AsNoTracking().Where(s => s.CommunityId == c && ids.Contains(s.PersonId)).Select(s => new { s.Id, s.CompletedAt, s.StartedAt }).ToListAsync(ct))
            .Select(s => new RecordItem(RecordPart.Screenings, s.Id, s.CompletedAt ?? s.StartedAt)));
        items.AddRange((await db.Needs.AsNoTracking().Where(n => n.CommunityId == c && ids.Contains(n.PersonId)).Select(n => new { n.Id, n.RecordedAt }).ToListAsync(ct))
            .Select(n => new RecordItem(RecordPart.Needs, n.Id, n.RecordedAt)));
        items.AddRange((await db.Goals.AsNoTracking().Where(g => g.CommunityId == c && ids.Contains(g.PersonId)).Select(g => new { g.Id, g.CreatedAt }).ToListAsync(ct))
            .Select(g => new RecordItem(RecordPart.Goals, g.Id, g.CreatedAt)));

        // A consent ends when revoked or when its period ends; one still in force has not ended.
        items.AddRange((await db.Consents.AsNoTracking().Where(x => x.CommunityId == c && ids.Contains(x.PersonId)).Select(x => new { x.Id, x.RevokedAt, x.EndAt }).ToListAsync(ct))
            .Select(x => new RecordItem(RecordPart.Consents, x.Id, x.RevokedAt ?? (x.EndAt < now ? x.EndAt : null))));
        items.AddRange((await db.Referrals.AsNoTracking().Where(r => r.CommunityId == c && ids.Contains(r.PersonId)).Select(r => new { r.Id, r.ClosedAt, r.NeedId }).ToListAsync(ct))
            .Select(r => new RecordItem(RecordPart.Referrals, r.Id, r.ClosedAt, r.NeedId)));
        items.AddRange((await db.ReferralFeedback.AsNoTracking().Where(f => f.CommunityId == c && ids.Contains(f.PersonId)).Select(f => new { f.ReferralId, f.GivenAt }).ToListAsync(ct))
            .Select(f => new RecordItem(RecordPart.Feedback, f.ReferralId, f.GivenAt)));
        items.AddRange((await db.Disclosures.AsNoTracking().Where(d => d.CommunityId == c && ids.Contains(d.PersonId)).Select(d => new { d.Id, d.At }).ToListAsync(ct))
            .Select(d => new RecordItem(RecordPart.Disclosures, d.Id, d.At)));
        return items;
    }

    /// <summary>
    /// Does what the plan says to these people's records. The consents still in force are revoked
    /// (by <paramref name="by"/>, at <paramref name="now"/>); the portal accounts and codes go, and the
    /// messages not yet sent to <paramref name="contacts"/>. Each person record is left with only
    /// its name and birth date when the plan keeps them, and deleted when it does not.
    /// </summary>
    public async Task EraseAsync(CommunityId community, IReadOnlyCollection<PersonId> people, ErasurePlan plan, IReadOnlyCollection<string> contacts, string by, DateTimeOffset now,
        CancellationToken ct = default)
    {
        var c = community.Value;
        var ids = people.Select(p => p.Value).ToList();
        await db.Consents.Where(x => x.CommunityId == c && ids.Contains(x.PersonId) && x.RevokedAt == null && (x.EndAt == null || x.EndAt > now))
            .ExecuteUpdateAsync(set => set.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedBy, by), ct);

        var consents = plan.Deleted(RecordPart.Consents);
        await db.Consents.Where(x => x.CommunityId == c && consents.Contains(x.Id)).ExecuteDeleteAsync(ct);
        var screenings = plan.Deleted(RecordPart.Screenings);
        await db.Screenings.Where(s => s.CommunityId == c && screenings.Contains(s.Id)).ExecuteDeleteAsync(ct);
        var needs = plan.Deleted(RecordPart.Needs);
        await db.Needs.Where(n => n.CommunityId == c && needs.Contains(n.Id)).ExecuteDeleteAsync(ct);
        var goals = plan.Deleted(RecordPart.Goals);
        await db.Goals.Where(g => g.CommunityId == c && goals.Contains(g.Id)).ExecuteDeleteAsync(ct);
        var disclosures = plan.Deleted(RecordPart.Disclosures);
        await db.Disclosures.Where(d => d.CommunityId == c && disclosures.Contains(d.Id)).ExecuteDeleteAsync(ct);

        // Feedback on a referral goes with the referral too.
        var referrals = plan.Deleted(RecordPart.Referrals);
        var feedback = plan.Deleted(RecordPart.Feedback).Concat(referrals).ToList();
        await db.ReferralFeedback.Where(f => f.CommunityId == c && feedback.Contains(f.ReferralId)).ExecuteDeleteAsync(ct);
        await db.ReferralLinks.Where(l => l.CommunityId == c && referrals.Contains(l.ReferralId)).ExecuteDeleteAsync(ct);
        await db.ReferralEvents.Where(e => e.CommunityId == c && referrals.Contains(e.ReferralId)).ExecuteDeleteAsync(ct);
        await db.Referrals.Where(r => r.CommunityId == c && referrals.Contains(r.Id)).ExecuteDeleteAsync(ct);

        var accounts = await db.PersonAccounts.Where(a => a.CommunityId == c && ids.Contains(a.PersonId)).Select(a => a.Contact).ToListAsync(ct);
        await db.PersonCodes.Where(x => x.CommunityId == c && (accounts.Contains(x.Contact) || (x.PersonId != null && ids.Contains(x.PersonId)))).ExecuteDeleteAsync(ct);
        await db.PersonAccounts.Where(a => a.CommunityId == c && ids.Contains(a.PersonId)).ExecuteDeleteAsync(ct);
        await db.Outbox.Where(m => m.CommunityId == c && contacts.Contains(m.Recipient) && m.SentAt == null && m.FailedAt == null).ExecuteDeleteAsync(ct);

        if (!plan.KeepsIdentity)
        {
            await db.People.Where(p => p.CommunityId == c && ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
            return;
        }

        var store = new PeopleStore(db);
        foreach (var id in people)
        {
            if (await store.FindAsync(community, id, ct) is not { Person: var person }) continue;
            await store.UpdateAsync(community, new Person
            {
                Id = person.Id, RegisteredBy = person.RegisteredBy, GivenName = person.GivenName, FamilyName = person.FamilyName, BirthDate = person.BirthDate,
            }, now, ct);
        }
    }
}
