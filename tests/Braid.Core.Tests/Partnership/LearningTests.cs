using Braid.Core.Partnership;

namespace Braid.Core.Tests.Partnership;

/// <summary>Cohorts, sessions, reflections and pairs of a learning program.</summary>
public sealed class LearningTests
{
    private static readonly Cohort Allyship = new("c", "Allyship", Framework.Allyship, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
    private static readonly OrganizationId Clinic = new("clinic"), Pantry = new("pantry"), Shelter = new("shelter");
    private static readonly Dictionary<OrganizationId, string?> Sector = new() { [Clinic] = "health-care", [Pantry] = "community-based-organization", [Shelter] = "community-based-organization" };

    private static CohortRecord Record(params LearningSession[] sessions) =>
        new(Allyship, [new("nadia", Clinic), new("carlos", Pantry), new("olivia", Shelter)], sessions, [], []);

    private static LearningSession Session(string id, params string[] attended) => new(id, "S", SessionKind.Session, new DateOnly(2026, 2, 1), ["speaking-up"], attended.ToHashSet());

    [Fact]
    public void Pairs_cross_sectors_between_two_participants()
    {
        var record = Record();
        Assert.Null(record.RefusePairing("nadia", "carlos", Sector));
        Assert.Equal("pairing-same-sector", record.RefusePairing("olivia", "carlos", Sector)?.Key);
        Assert.Equal("pairing-same-person", record.RefusePairing("nadia", "nadia", Sector)?.Key);
        Assert.Equal("pairing-not-participants", record.RefusePairing("nadia", "felix", Sector)?.Key);
        Assert.Equal("pairing-same-sector", record.RefusePairing("nadia", "carlos", new Dictionary<OrganizationId, string?>())?.Key); // sectors unknown: not shown to cross
    }

    [Fact]
    public void Attendance_by_sector_counts_each_participant_against_every_session()
    {
        var record = Record(Session("a", "nadia", "carlos"), Session("b", "carlos", "olivia"), Session("c"));
        var bySector = record.AttendanceBy(p => Sector[p.Organization]!);
        Assert.Equal([("community-based-organization", 2, 3, 6), ("health-care", 1, 1, 3)], bySector);
    }

    [Fact]
    public void A_reflection_is_its_authors_unless_shared_and_then_the_cohorts()
    {
        var mine = new Reflection("r", "carlos", null, "text", Shared: false, DateTimeOffset.UnixEpoch);
        Assert.True(mine.VisibleTo("carlos", true));
        Assert.False(mine.VisibleTo("nadia", true));
        Assert.True((mine with { Shared = true }).VisibleTo("nadia", true));
        Assert.False((mine with { Shared = true }).VisibleTo("felix", false));
    }

    [Fact]
    public void A_session_falls_within_its_cohort_and_builds_competencies_of_its_framework()
    {
        var outside = new LearningSession("s", "Late", SessionKind.Symposium, new DateOnly(2026, 7, 1), ["shared-vision"], new HashSet<string>());
        Assert.Equal(["competencies", "held_on"], outside.Validate(Allyship).Keys.Order());
        Assert.Empty((outside with { HeldOn = new DateOnly(2026, 6, 30), Competencies = ["repairing-harm"] }).Validate(Allyship));
    }
}
