using Braid.Core.People;

namespace Braid.Core.Tests.People;

public sealed class NeedTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private static Need New(string id, string category) => new() { Id = id, Person = new PersonId("p"), Category = category, RecordedAt = Now };

    [Fact]
    public void The_person_ranks_the_needs_they_accepted_and_a_rejected_need_is_never_referred_and_stays_rejected()
    {
        var needs = new[] { New("food", "food-insecurity").Accept(), New("housing", "housing-instability").Accept(), New("transport", "transportation-insecurity").Reject(), New("utility", "utility-insecurity") };

        var ranked = Need.Ranked(needs, ["housing", "food", "transport"]);

        Assert.Equal([("housing", 1), ("food", 2)], ranked.Where(n => n.Rank is not null).OrderBy(n => n.Rank).Select(n => (n.Id, n.Rank!.Value)));
        Assert.Equal(["housing", "food", "utility", "transport"], Need.InPersonsOrder(ranked).Select(n => n.Id));
        var rejected = ranked.Single(n => n.Id == "transport");
        Assert.False(rejected.MayBeReferred);
        Assert.Throws<DomainRuleException>(() => rejected.Accept());
    }
}
