using Braid.Core.Partnership;

namespace Braid.Core.Demo;

/// <summary>
/// The demo partnership's learning cohort: an allyship program for care teams that began five
/// months ago, with monthly sessions and a symposium, attendance, a shared and a private reflection,
/// and a mentoring and a shadowing pair across sectors.
/// </summary>
public static class DemoLearning
{
    public static readonly string CohortId = DeterministicGuid.From("demo-learning:cohort").ToString();

    /// <summary>The cohort for the participants given (user, organization), in this order: a clinic navigator, a CBO's staff member, its administrator, a health plan's staff member, an analyst.</summary>
    public static CohortRecord Generate(IReadOnlyList<(string User, OrganizationId Organization)> participants, DateOnly today)
    {
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        var cohort = new Cohort(CohortId, "Allyship for care teams " + start.Year, Framework.Allyship, start, start.AddMonths(10).AddDays(-1));
        var users = participants.Select(p => p.User).ToArray();
        (string Title, SessionKind Kind, string[] Competencies)[] plan =
        [
            ("Whose needs go unseen", SessionKind.Session, ["recognising-bias"]),
            ("Walking the referral path", SessionKind.Session, ["clinical-community-disconnect"]),
            ("Rules that fail some of us", SessionKind.Session, ["inequitable-practices"]),
            ("Community health symposium", SessionKind.Symposium, ["clinical-community-disconnect", "speaking-up"]),
            ("Saying it in the moment", SessionKind.Session, ["speaking-up", "repairing-harm"]),
        ];
        var sessions = plan.Select((s, i) => new LearningSession(DeterministicGuid.From("demo-learning:session:" + i).ToString(), s.Title, s.Kind, start.AddMonths(i).AddDays(9), s.Competencies,
            users.Where((_, u) => (u + i) % 5 != 4).ToHashSet())).ToList(); // each session one participant in five is away
        var written = new DateTimeOffset(start.AddMonths(1).AddDays(10).ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);
        Reflection[] reflections =
        [
            new(DeterministicGuid.From("demo-learning:reflection:0").ToString(), users[0], sessions[1].Id,
                "Walking the path a patient takes after I send a referral, I saw how many calls it takes before anyone answers. I will warn people and check back in a week.", true, written),
            new(DeterministicGuid.From("demo-learning:reflection:1").ToString(), users[1], sessions[0].Id,
                "I noticed I assumed the family would not qualify before I asked. Writing it here so I remember to ask first.", false, written.AddDays(1)),
        ];
        Pairing[] pairings =
        [
            new(DeterministicGuid.From("demo-learning:pair:0").ToString(), PairingKind.Mentoring, users[0], users[1]),
            new(DeterministicGuid.From("demo-learning:pair:1").ToString(), PairingKind.Shadowing, users[3], users[2]),
        ];
        return new CohortRecord(cohort, [.. participants.Select(p => new Participant(p.User, p.Organization))], sessions, reflections, pairings);
    }
}
