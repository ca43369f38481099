namespace Braid.Core.Partnership;

/// <summary>A competency framework a learning program builds: leadership for a networked partnership, or allyship for care teams.</summary>
public enum Framework { Leadership, Allyship }

/// <summary>The competencies of each framework, by code (their names and descriptions are in the host's resources).</summary>
public static class Competencies
{
    public static IReadOnlyList<string> Of(Framework framework) => framework switch
    {
        Framework.Leadership => ["shared-vision", "leading-across-sectors", "community-voice", "data-for-equity", "sustaining-the-network"],
        _ => ["recognising-bias", "inequitable-practices", "clinical-community-disconnect", "speaking-up", "repairing-harm"],
    };
}

/// <summary>A cohort of a learning program: its framework and dates.</summary>
public sealed record Cohort(string Id, string Name, Framework Framework, DateOnly Start, DateOnly End)
{
    public const int MaxName = 200;

    public Dictionary<string, InputError> Validate()
    {
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(Name)) errors["name"] = new InputError("field-required");
        else if (Name.Length > MaxName || Name.Any(char.IsControl)) errors["name"] = new InputError("too-long", MaxName, Name.Length);
        if (!Enum.IsDefined(Framework)) errors["framework"] = new InputError("choice-unknown", Framework.ToString());
        if (End < Start) errors["end"] = new InputError("period-end-before-start");
        return errors;
    }
}

/// <summary>A staff member in a cohort, with the organization they take part for.</summary>
public sealed record Participant(string User, OrganizationId Organization);

/// <summary>What a gathering of a cohort is: one of its sessions, or a convening or symposium open to the partnership.</summary>
public enum SessionKind { Session, Convening, Symposium }

/// <summary>A session of a cohort: when, what kind, the competencies it builds, and who attended.</summary>
public sealed record LearningSession(string Id, string Title, SessionKind Kind, DateOnly HeldOn, IReadOnlyList<string> Competencies, IReadOnlySet<string> Attended)
{
    public const int MaxTitle = 200;

    public Dictionary<string, InputError> Validate(Cohort cohort)
    {
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(Title)) errors["title"] = new InputError("field-required");
        else if (Title.Length > MaxTitle || Title.Any(char.IsControl)) errors["title"] = new InputError("too-long", MaxTitle, Title.Length);
        if (!Enum.IsDefined(Kind)) errors["kind"] = new InputError("choice-unknown", Kind.ToString());
        if (HeldOn < cohort.Start || HeldOn > cohort.End) errors["held_on"] = new InputError("session-outside-cohort", cohort.Start.ToString("yyyy-MM-dd"), cohort.End.ToString("yyyy-MM-dd"));
        var known = Partnership.Competencies.Of(cohort.Framework);
        if (Competencies.FirstOrDefault(c => !known.Contains(c)) is { } unknown) errors["competencies"] = new InputError("choice-unknown", unknown);
        return errors;
    }
}

/// <summary>A participant's reflection: private to them unless they share it with their cohort.</summary>
public sealed record Reflection(string Id, string Author, string? Session, string Text, bool Shared, DateTimeOffset WrittenAt)
{
    public const int MaxText = 5000;

    /// <summary>Whether the reader may see it: its author always, the cohort (and the program's leads) once it is shared.</summary>
    public bool VisibleTo(string reader, bool readerInCohortOrLead) => reader == Author || (Shared && readerInCohortOrLead);
}

/// <summary>How one participant learns from another: mentoring over the cohort, or shadowing them at work.</summary>
public enum PairingKind { Mentoring, Shadowing }

/// <summary>A mentor (or the one shadowed) and a mentee, from different sectors.</summary>
public sealed record Pairing(string Id, PairingKind Kind, string Mentor, string Mentee);

/// <summary>A cohort and everything that happened in it.</summary>
public sealed record CohortRecord(Cohort Cohort, IReadOnlyList<Participant> Participants, IReadOnlyList<LearningSession> Sessions, IReadOnlyList<Reflection> Reflections, IReadOnlyList<Pairing> Pairings)
{
    /// <summary>Why the pairing cannot be made (null when it can): both must be participants, two different people, from different sectors.</summary>
    public InputError? RefusePairing(string mentor, string mentee, IReadOnlyDictionary<OrganizationId, string?> sectors)
    {
        var m = Participants.FirstOrDefault(p => p.User == mentor);
        var e = Participants.FirstOrDefault(p => p.User == mentee);
        if (m is null || e is null) return new InputError("pairing-not-participants");
        if (mentor == mentee) return new InputError("pairing-same-person");
        var (a, b) = (sectors.GetValueOrDefault(m.Organization), sectors.GetValueOrDefault(e.Organization));
        return a is null || a == b ? new InputError("pairing-same-sector") : null;
    }

    /// <summary>Participants and attendance by a key of the participant (their organization, or its sector): how many took part, how many of the sessions held each attended in all, and that as a share.</summary>
    public IReadOnlyList<(string Key, int Participants, int Attended, int Possible)> AttendanceBy(Func<Participant, string> key) =>
        [.. Participants.GroupBy(key).Select(g => (g.Key, g.Count(), g.Sum(p => Sessions.Count(s => s.Attended.Contains(p.User))), g.Count() * Sessions.Count))
            .OrderBy(r => r.Key, StringComparer.Ordinal)];
}
