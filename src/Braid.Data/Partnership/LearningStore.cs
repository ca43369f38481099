using System.Globalization;
using Braid.Core;
using Braid.Core.Partnership;

namespace Braid.Data.Partnership;

public sealed class LearningCohortRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Framework { get; set; } = "";
    public string StartOn { get; set; } = "";
    public string EndOn { get; set; } = "";
}

public sealed class LearningParticipantRow
{
    public string CommunityId { get; set; } = "";
    public string CohortId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
}

public sealed class LearningSessionRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string CohortId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Kind { get; set; } = "";
    public string HeldOn { get; set; } = "";
    public string Competencies { get; set; } = "";
}

public sealed class LearningAttendanceRow
{
    public string CommunityId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string UserId { get; set; } = "";
}

public sealed class LearningReflectionRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string CohortId { get; set; } = "";
    public string? SessionId { get; set; }
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
    public bool Shared { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

public sealed class LearningPairingRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string CohortId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Mentor { get; set; } = "";
    public string Mentee { get; set; } = "";
}

/// <summary>Learning cohorts with their participants, sessions and attendance, reflections and pairings.</summary>
public sealed class LearningStore(BraidDbContext db)
{
    /// <summary>The cohorts, each whole; one cohort when an id is given.</summary>
    public async Task<IReadOnlyList<CohortRecord>> CohortsAsync(CommunityId community, string? id = null, CancellationToken ct = default)
    {
        var c = community.Value;
        var cohorts = await db.LearningCohorts.AsNoTracking().Where(x => x.CommunityId == c && (id == null || x.Id == id)).OrderByDescending(x => x.StartOn).ToListAsync(ct);
        var participants = (await db.LearningParticipants.AsNoTracking().Where(x => x.CommunityId == c && (id == null || x.CohortId == id)).ToListAsync(ct)).ToLookup(x => x.CohortId);
        var sessions = await db.LearningSessions.AsNoTracking().Where(x => x.CommunityId == c && (id == null || x.CohortId == id)).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var attendance = (await db.LearningAttendance.AsNoTracking().Where(x => x.CommunityId == c && sessionIds.Contains(x.SessionId)).ToListAsync(ct)).ToLookup(x => x.SessionId, x => x.UserId);
        var reflections = (await db.LearningReflections.AsNoTracking().Where(x => x.CommunityId == c && (id == null || x.CohortId == id)).ToListAsync(ct)).ToLookup(x => x.CohortId);
        var pairings = (await db.LearningPairings.AsNoTracking().Where(x => x.CommunityId == c && (id == null || x.CohortId == id)).ToListAsync(ct)).ToLookup(x => x.CohortId);
        var byCohort = sessions.ToLookup(s => s.CohortId);
        return [.. cohorts.Select(x => new CohortRecord(
            new Cohort(x.Id, x.Name, Enum.Parse<Framework>(x.Framework), Day(x.StartOn), Day(x.EndOn)),
            [.. participants[x.Id].Select(p => new Participant(p.UserId, new OrganizationId(p.OrganizationId)))],
            [.. byCohort[x.Id].OrderBy(s => s.HeldOn).Select(s => new LearningSession(s.Id, s.Title, Enum.Parse<SessionKind>(s.Kind), Day(s.HeldOn),
                s.Competencies.Split(' ', StringSplitOptions.RemoveEmptyEntries), attendance[s.Id].ToHashSet()))],
            [.. reflections[x.Id].OrderByDescending(r => r.WrittenAt).Select(r => new Reflection(r.Id, r.Author, r.SessionId, r.Text, r.Shared, r.WrittenAt))],
            [.. pairings[x.Id].Select(p => new Pairing(p.Id, Enum.Parse<PairingKind>(p.Kind), p.Mentor, p.Mentee))]))];
    }

    /// <summary>The community's staff members: user id, name, and the organization they work in (their first, when several).</summary>
    public async Task<IReadOnlyList<(string User, string Name, OrganizationId Organization)>> StaffAsync(CommunityId community, CancellationToken ct = default)
    {
        var rows = await (from m in db.Memberships.AsNoTracking() where m.CommunityId == community.Value
                          join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                          orderby m.CreatedAt
                          select new { u.Id, u.DisplayName, m.OrganizationId }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.Id).Select(g => (g.Key, g.First().DisplayName, new OrganizationId(g.First().OrganizationId)))];
    }

    public void AddCohort(CommunityId community, Cohort cohort) => db.LearningCohorts.Add(new LearningCohortRow
    {
        CommunityId = community.Value, Id = cohort.Id, Name = cohort.Name, Framework = cohort.Framework.ToString(), StartOn = Day(cohort.Start), EndOn = Day(cohort.End),
    });

    public void AddParticipant(CommunityId community, string cohort, Participant participant) =>
        db.LearningParticipants.Add(new LearningParticipantRow { CommunityId = community.Value, CohortId = cohort, UserId = participant.User, OrganizationId = participant.Organization.Value });

    public void AddSession(CommunityId community, string cohort, LearningSession session)
    {
        db.LearningSessions.Add(new LearningSessionRow
        {
            CommunityId = community.Value, Id = session.Id, CohortId = cohort, Title = session.Title, Kind = session.Kind.ToString(), HeldOn = Day(session.HeldOn),
            Competencies = string.Join(' ', session.Competencies),
        });
        db.LearningAttendance.AddRange(session.Attended.Select(u => new LearningAttendanceRow { CommunityId = community.Value, SessionId = session.Id, UserId = u }));
    }

    /// <summary>Replaces who attended a session.</summary>
    public async Task SetAttendanceAsync(CommunityId community, string session, IReadOnlyCollection<string> users, CancellationToken ct = default)
    {
        await db.LearningAttendance.Where(a => a.CommunityId == community.Value && a.SessionId == session).ExecuteDeleteAsync(ct);
        db.LearningAttendance.AddRange(users.Select(u => new LearningAttendanceRow { CommunityId = community.Value, SessionId = session, UserId = u }));
    }

    public void AddReflection(CommunityId community, string cohort, Reflection reflection) => db.LearningReflections.Add(new LearningReflectionRow
    {
        CommunityId = community.Value, Id = reflection.Id, CohortId = cohort, SessionId = reflection.Session, Author = reflection.Author, Text = reflection.Text,
        Shared = reflection.Shared, WrittenAt = reflection.WrittenAt,
    });

    public void AddPairing(CommunityId community, string cohort, Pairing pairing) => db.LearningPairings.Add(new LearningPairingRow
    {
        CommunityId = community.Value, Id = pairing.Id, CohortId = cohort, Kind = pairing.Kind.ToString(), Mentor = pairing.Mentor, Mentee = pairing.Mentee,
    });

    /// <summary>Writes a whole cohort at once (the demo's).</summary>
    public async Task SeedAsync(CommunityId community, CohortRecord record, CancellationToken ct = default)
    {
        AddCohort(community, record.Cohort);
        foreach (var p in record.Participants) AddParticipant(community, record.Cohort.Id, p);
        foreach (var s in record.Sessions) AddSession(community, record.Cohort.Id, s);
        foreach (var r in record.Reflections) AddReflection(community, record.Cohort.Id, r);
        foreach (var p in record.Pairings) AddPairing(community, record.Cohort.Id, p);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Saves what was added; a participant added twice at once is refused whole.</summary>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Referrals.ReferralStore.IsUniqueViolation(e))
        {
            throw new Referrals.ConcurrentChangeException("Someone else made the same change first; nothing was saved. Read the cohort again.");
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
