using Braid.Core.Partnership;

namespace Braid.Core.Tests.Partnership;

public sealed class ValueCurveTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static ValueCurveAssessment Assessment(params ValueLevel[] levels) => new()
    {
        Id = "a", Organization = new OrganizationId("o"), AssessedOn = Today, AssessedBy = "test",
        Levels = Enum.GetValues<ValueDimension>().Zip(levels).ToDictionary(p => p.First, p => p.Second),
    };

    [Theory]
    // Four axes clockwise from the top: Governance up, Insight right, Services down, People left; Generative on the outer ring.
    [InlineData(ValueDimension.GovernanceAndStructures, 4, 100, 0)]
    [InlineData(ValueDimension.InsightAndEvidence, 4, 200, 100)]
    [InlineData(ValueDimension.ServicesAndSolutions, 2, 100, 150)]
    [InlineData(ValueDimension.PeopleAndCulture, 1, 75, 100)]
    public void A_level_sits_on_its_dimensions_axis_at_its_share_of_the_radius(ValueDimension dimension, int level, double x, double y)
    {
        var (px, py) = ValueRadar.Point(dimension, level, centre: 100, radius: 100);
        Assert.Equal(x, px, 9);
        Assert.Equal(y, py, 9);
    }

    [Fact]
    public void The_partnerships_shape_is_the_mean_level_of_each_dimension()
    {
        var mean = ValueRadar.Mean([Assessment(ValueLevel.Regulative, ValueLevel.Generative, ValueLevel.Integrative, ValueLevel.Collaborative),
            Assessment(ValueLevel.Collaborative, ValueLevel.Generative, ValueLevel.Regulative, ValueLevel.Collaborative)]);
        Assert.Equal([1.5, 4, 2, 2], Enum.GetValues<ValueDimension>().Select(d => mean[d]));
    }

    [Fact]
    public void An_assessment_needs_a_level_for_every_dimension_and_cannot_be_dated_ahead()
    {
        var missing = Assessment(ValueLevel.Regulative, ValueLevel.Collaborative, ValueLevel.Integrative) with { AssessedOn = Today.AddDays(1) };
        Assert.Equal(["assessed_on", "people-and-culture"], missing.Validate(Today).Keys.Order());
        Assert.Empty(Assessment(ValueLevel.Regulative, ValueLevel.Collaborative, ValueLevel.Integrative, ValueLevel.Generative).Validate(Today));
    }

    [Fact]
    public void A_plan_keeps_at_most_five_steps_per_dimension()
    {
        var steps = Enumerable.Range(1, 6).Select(i => new ActionStep(i, "Step " + i, null, null, null)).ToList();
        Assert.Equal("action-steps-too-many", new ActionPlan(new OrganizationId("o"), ValueDimension.PeopleAndCulture, steps).Validate()["steps"].Key);
        Assert.Empty(new ActionPlan(new OrganizationId("o"), ValueDimension.PeopleAndCulture, steps[..5]).Validate());
    }
}
