using Braid.Core.Partnership;

namespace Braid.Core.Demo;

/// <summary>The demo partnership's shared measures, owned by its backbone organization: closure, need met, time to first contact, and people screened.</summary>
public static class DemoMeasures
{
    public static IReadOnlyList<SharedMeasure> Generate(OrganizationId backbone) =>
    [
        Measure("Referrals closed", MeasureKind.LoopClosed, null, 0.8, backbone),
        Measure("Needs met", MeasureKind.NeedMet, null, 0.7, backbone),
        Measure("Days to first contact", MeasureKind.DaysToFirstContact, null, 2, backbone),
        Measure("Food needs met", MeasureKind.NeedMet, "food-insecurity", 0.75, backbone),
        Measure("People screened", MeasureKind.PeopleScreened, null, 40, backbone),
    ];

    private static SharedMeasure Measure(string name, MeasureKind kind, string? need, double target, OrganizationId owner) => new()
    {
        Id = DeterministicGuid.From("demo-measure:" + name).ToString(), Name = name, Kind = kind, Need = need, Target = target, Owner = owner,
        Steward = "Data and evaluation lead", About = "Agreed by the partnership's steering committee.",
    };
}
