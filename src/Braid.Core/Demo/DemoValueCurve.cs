using Braid.Core.Partnership;

namespace Braid.Core.Demo;

/// <summary>
/// The demo partnership's organizations on the Value Curve: each assessed itself every six months
/// for two years, mostly moving up a level at a time, with evidence for each level, and keeps a
/// plan of five steps for the dimension where it stands lowest.
/// </summary>
public static class DemoValueCurve
{
    private static readonly string[] Evidence =
    [
        "Programs run to their funders' rules; little data shared with partners.",
        "Joint case conferences with two partner agencies each month.",
        "Shared screening with the clinic; referrals tracked to closure.",
        "Residents co-design services through the neighbourhood advisory group.",
        "Outcome dashboards reviewed quarterly with partners, by race and neighbourhood.",
        "Staff trained in trauma-informed care and anti-racist practice.",
    ];

    private static readonly string[] Steps =
    [
        "Name a lead for partnership work and give them time for it",
        "Agree data-sharing terms with the two closest partners",
        "Review referral outcomes by race with residents every quarter",
        "Bring a resident onto the governance board",
        "Train every front-line worker in the shared screening",
    ];

    public static (IReadOnlyList<ValueCurveAssessment> Assessments, IReadOnlyList<ActionPlan> Plans) Generate(IReadOnlyList<OrganizationId> organizations, DateOnly today, int seed = 2027)
    {
        var random = new Random(seed);
        var (assessments, plans) = (new List<ValueCurveAssessment>(), new List<ActionPlan>());
        var dimensions = Enum.GetValues<ValueDimension>();
        foreach (var organization in organizations)
        {
            var levels = dimensions.ToDictionary(d => d, _ => (ValueLevel)random.Next(1, 3));
            for (var round = 0; round < 5; round++)
            {
                if (round > 0)
                {
                    foreach (var d in dimensions.Where(d => levels[d] < ValueLevel.Generative && random.NextDouble() < 0.35)) levels[d]++;
                }

                assessments.Add(new ValueCurveAssessment
                {
                    Id = DeterministicGuid.From($"demo-value-curve:{seed}:{organization}:{round}").ToString(), Organization = organization,
                    AssessedOn = today.AddMonths(6 * (round - 4) - 1), Levels = new Dictionary<ValueDimension, ValueLevel>(levels),
                    Evidence = dimensions.ToDictionary(d => d, d => Evidence[Math.Min(Evidence.Length - 1, (int)levels[d] - 1 + (int)d % 3)]), AssessedBy = "demo",
                });
            }

            var lowest = dimensions.OrderBy(d => levels[d]).ThenBy(d => d).First();
            plans.Add(new ActionPlan(organization, lowest, [.. Steps.Select((text, i) =>
                new ActionStep(i + 1, text, i % 2 == 0 ? "Executive director" : "Program manager", today.AddMonths(2 * (i + 1)), i == 0 ? today.AddDays(-20) : null))]));
        }

        return (assessments, plans);
    }
}
