using Braid.Core.Partnership;
using Braid.Data.Directory;
using Braid.Data.Partnership;

namespace Braid.Application.Partnership;

/// <summary>A participant as pages show them: their name, organization and its sector (null when the directory gives none).</summary>
public sealed record ParticipantView(Participant Participant, string Name, string Organization, string? Sector);

/// <summary>One row of a learning report: an organization or a sector, how many took part, and their attendance.</summary>
public sealed record AttendanceRow(string Key, string Name, int Participants, int Attended, int Possible)
{
    public double? Share => Possible == 0 ? null : (double)Attended / Possible;
}

/// <summary>The learning programs: every cohort, and the reports by organization and by sector over all of them.</summary>
public sealed record LearningView(IReadOnlyList<CohortRecord> Cohorts, IReadOnlyList<AttendanceRow> ByOrganization, IReadOnlyList<AttendanceRow> BySector);

/// <summary>A cohort as the caller may see it: reflections only their own and those shared, and whether they take part or lead.</summary>
public sealed record CohortView(CohortRecord Record, IReadOnlyList<ParticipantView> Participants, bool IsParticipant, bool IsLead)
{
    public string NameOf(string user) => Participants.FirstOrDefault(p => p.Participant.User == user)?.Name ?? user;
}

/// <summary>
/// Learning programs: competency frameworks (leadership; allyship for care teams), cohorts, their
/// sessions, convenings and symposia with attendance, participants' reflections (private unless
/// shared), and mentoring and shadowing pairs across sectors; reports by organization and sector.
/// Community administrators lead the programs; every staff member of the community sees them.
/// </summary>
public sealed class LearningPrograms(UseCaseContext context, LearningStore store)
{
    public async Task<LearningView> OverviewAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.LearningRead, ct: ct);
        var cohorts = await store.CohortsAsync(context.CommunityId, ct: ct);
        var organizations = cohorts.SelectMany(c => c.Participants).Select(p => p.Organization.Value).Distinct().ToList();
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, organizations, ct);
        var sectors = await Sectors.OfAsync(context.Db, context.CommunityId, organizations, ct);
        IReadOnlyList<AttendanceRow> Report(Func<Participant, string> key, Func<string, string> name) =>
            [.. cohorts.SelectMany(c => c.AttendanceBy(key)).GroupBy(r => r.Key)
                .Select(g => new AttendanceRow(g.Key, name(g.Key), g.Sum(r => r.Participants), g.Sum(r => r.Attended), g.Sum(r => r.Possible))).OrderBy(r => r.Name, StringComparer.CurrentCulture)];
        return new LearningView(cohorts,
            Report(p => p.Organization.Value, o => names.GetValueOrDefault(o) ?? o),
            Report(p => sectors.GetValueOrDefault(p.Organization.Value) ?? "", s => s));
    }

    /// <summary>A cohort; null when there is no such cohort.</summary>
    public async Task<CohortView?> CohortAsync(string id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.LearningRead, target: "cohort:" + id, ct: ct);
        if ((await store.CohortsAsync(context.CommunityId, id, ct)).SingleOrDefault() is not { } record) return null;
        var reader = Actor.UserIdOf(actor.Id) ?? actor.Id;
        var isParticipant = record.Participants.Any(p => p.User == reader);
        var isLead = AccessPolicy.Decide(actor, Permission.LearningManage, context.CommunityId).Allowed;
        var visible = record with { Reflections = [.. record.Reflections.Where(r => r.VisibleTo(reader, isParticipant || isLead))] };
        return new CohortView(visible, await ParticipantViewsAsync(record.Participants, ct), isParticipant, isLead);
    }

    /// <summary>Whether the caller leads the programs, to offer the forms.</summary>
    public async Task<bool> MayLeadAsync(CancellationToken ct = default) =>
        AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.LearningManage, context.CommunityId).Allowed;

    /// <summary>The community's staff who are not yet in the cohort, by name, for its leads to add.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> CandidatesAsync(string cohort, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.LearningManage, ct: ct);
        var inCohort = (await store.CohortsAsync(context.CommunityId, cohort, ct)).SelectMany(c => c.Participants).Select(p => p.User).ToHashSet();
        return [.. (await store.StaffAsync(context.CommunityId, ct)).Where(s => !inCohort.Contains(s.User)).Select(s => (s.User, s.Name)).OrderBy(s => s.Name, StringComparer.CurrentCulture)];
    }

    public async Task<(string? Id, IReadOnlyDictionary<string, InputError> Errors)> CreateCohortAsync(string? name, string? framework, DateOnly? start, DateOnly? end, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.LearningManage, target: "learning", ct: ct);
        if (!Enum.TryParse<Framework>(framework, ignoreCase: false, out var f) || !Enum.IsDefined(f)) return (null, Error("framework", new InputError("choice-unknown", framework ?? "")));
        if (start is null) return (null, Error("start", new InputError("date-invalid")));
        if (end is null) return (null, Error("end", new InputError("date-invalid")));
        var cohort = new Cohort(Guid.NewGuid().ToString(), name?.Trim() ?? "", f, start.Value, end.Value);
        var errors = cohort.Validate();
        if (errors.Count > 0) return (null, errors);
        await ChangeAsync(actor, "learning.cohort", $"{cohort.Framework} cohort {cohort.Start:yyyy-MM-dd} to {cohort.End:yyyy-MM-dd}", cohort.Id, () => store.AddCohort(context.CommunityId, cohort), ct);
        return (cohort.Id, errors);
    }

    public async Task<IReadOnlyDictionary<string, InputError>> AddParticipantAsync(string cohort, string? user, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.LearningManage, target: "cohort:" + cohort, ct: ct);
        var record = await CohortOrThrowAsync(cohort, ct);
        var staff = (await store.StaffAsync(context.CommunityId, ct)).FirstOrDefault(s => s.User == user);
        if (staff.User is null) return Error("user", new InputError("choice-unknown", user ?? ""));
        if (record.Participants.Any(p => p.User == user)) return Error("user", new InputError("participant-already"));
        await ChangeAsync(actor, "learning.participant", "joined", cohort, () => store.AddParticipant(context.CommunityId, cohort, new Participant(staff.User, staff.Organization)), ct);
        return new Dictionary<string, InputError>();
    }

    public async Task<IReadOnlyDictionary<string, InputError>> AddSessionAsync(string cohort, string? title, string? kind, DateOnly? heldOn, IReadOnlyList<string> competencies, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.LearningManage, target: "cohort:" + cohort, ct: ct);
        var record = await CohortOrThrowAsync(cohort, ct);
        if (!Enum.TryParse<SessionKind>(kind, ignoreCase: false, out var k) || !Enum.IsDefined(k)) return Error("kind", new InputError("choice-unknown", kind ?? ""));
        if (heldOn is null) return Error("held_on", new InputError("date-invalid"));
        var session = new LearningSession(Guid.NewGuid().ToString(), title?.Trim() ?? "", k, heldOn.Value, [.. competencies.Distinct()], new HashSet<string>());
        var errors = session.Validate(record.Cohort);
        if (errors.Count > 0) return errors;
        await ChangeAsync(actor, "learning.session", $"{session.Kind} on {session.HeldOn:yyyy-MM-dd}", cohort, () => store.AddSession(context.CommunityId, cohort, session), ct);
        return errors;
    }

    /// <summary>Records who attended a session: its participants ticked, no one else.</summary>
    public async Task<IReadOnlyDictionary<string, InputError>> RecordAttendanceAsync(string cohort, string? session, IReadOnlyList<string> attended, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.LearningManage, target: "cohort:" + cohort, ct: ct);
        var record = await CohortOrThrowAsync(cohort, ct);
        if (record.Sessions.All(s => s.Id != session)) return Error("session", new InputError("choice-unknown", session ?? ""));
        if (attended.FirstOrDefault(u => record.Participants.All(p => p.User != u)) is { } stranger) return Error("attended", new InputError("choice-unknown", stranger));
        await context.ChangeAsync(async audit =>
        {
            await store.SetAttendanceAsync(context.CommunityId, session!, [.. attended.Distinct()], ct);
            await store.SaveAsync(ct);
            audit.Record(actor, "learning.attendance", $"{attended.Distinct().Count()} of {record.Participants.Count} attended", target: "cohort:" + cohort);
            return true;
        }, ct);
        return new Dictionary<string, InputError>();
    }

    /// <summary>A participant writes a reflection, private unless they share it; only the cohort's participants reflect in it.</summary>
    public async Task<IReadOnlyDictionary<string, InputError>> ReflectAsync(string cohort, string? session, string? text, bool shared, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.LearningRead, target: "cohort:" + cohort, ct: ct);
        var record = await CohortOrThrowAsync(cohort, ct);
        var author = Actor.UserIdOf(actor.Id);
        if (author is null || record.Participants.All(p => p.User != author))
        {
            var decision = new AccessDecision(false, "only the cohort's participants reflect in it");
            await context.RecordAsync(actor, "access." + Permission.LearningRead, "denied: " + decision.Reason, target: "cohort:" + cohort, ct: ct);
            throw new AccessDeniedException(actor, Permission.LearningRead, decision);
        }

        if (!string.IsNullOrEmpty(session) && record.Sessions.All(s => s.Id != session)) return Error("session", new InputError("choice-unknown", session));
        if (string.IsNullOrWhiteSpace(text)) return Error("text", new InputError("field-required"));
        if (text.Length > Reflection.MaxText) return Error("text", new InputError("too-long", Reflection.MaxText, text.Length));
        var reflection = new Reflection(Guid.NewGuid().ToString(), author, string.IsNullOrEmpty(session) ? null : session, text.Trim(), shared, context.Time.GetUtcNow());
        await ChangeAsync(actor, "learning.reflection", shared ? "shared with the cohort" : "private", cohort, () => store.AddReflection(context.CommunityId, cohort, reflection), ct);
        return new Dictionary<string, InputError>();
    }

    public async Task<IReadOnlyDictionary<string, InputError>> PairAsync(string cohort, string? kind, string? mentor, string? mentee, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.LearningManage, target: "cohort:" + cohort, ct: ct);
        var record = await CohortOrThrowAsync(cohort, ct);
        if (!Enum.TryParse<PairingKind>(kind, ignoreCase: false, out var k) || !Enum.IsDefined(k)) return Error("kind", new InputError("choice-unknown", kind ?? ""));
        var organizations = record.Participants.Select(p => p.Organization.Value).Distinct().ToList();
        var sectors = (await Sectors.OfAsync(context.Db, context.CommunityId, organizations, ct)).ToDictionary(s => new OrganizationId(s.Key), s => (string?)s.Value);
        if (record.RefusePairing(mentor ?? "", mentee ?? "", sectors) is { } refused) return Error("mentee", refused);
        await ChangeAsync(actor, "learning.pairing", k.ToString(), cohort, () => store.AddPairing(context.CommunityId, cohort, new Pairing(Guid.NewGuid().ToString(), k, mentor!, mentee!)), ct);
        return new Dictionary<string, InputError>();
    }

    private async Task<CohortRecord> CohortOrThrowAsync(string id, CancellationToken ct) =>
        (await store.CohortsAsync(context.CommunityId, id, ct)).SingleOrDefault() ?? throw new KeyNotFoundException($"No cohort {id}.");

    private Task ChangeAsync(Actor actor, string action, string outcome, string cohort, Action add, CancellationToken ct) => context.ChangeAsync(async audit =>
    {
        add();
        await store.SaveAsync(ct);
        audit.Record(actor, action, outcome, target: "cohort:" + cohort);
        return true;
    }, ct);

    private async Task<IReadOnlyList<ParticipantView>> ParticipantViewsAsync(IReadOnlyList<Participant> participants, CancellationToken ct)
    {
        var names = (await store.StaffAsync(context.CommunityId, ct)).ToDictionary(s => s.User, s => s.Name);
        var organizations = participants.Select(p => p.Organization.Value).Distinct().ToList();
        var orgNames = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, organizations, ct);
        var sectors = await Sectors.OfAsync(context.Db, context.CommunityId, organizations, ct);
        return [.. participants.Select(p => new ParticipantView(p, names.GetValueOrDefault(p.User) ?? p.User, orgNames.GetValueOrDefault(p.Organization.Value) ?? p.Organization.Value,
            sectors.GetValueOrDefault(p.Organization.Value))).OrderBy(p => p.Name, StringComparer.CurrentCulture)];
    }

    private static Dictionary<string, InputError> Error(string field, InputError error) => new() { [field] = error };
}
