using Braid.Core.Directory.Eligibility;
using Braid.Core.Funding;

namespace Braid.Core.Tests.Funding;

public sealed class FundingAllocatorTests
{
    private static readonly OrganizationId Pantry = new("pantry"), Plan = new("plan");

    private static FundingStream Stream(string id, FundingRules rules, FundingMethod method = FundingMethod.Braided, decimal amount = 1000m, DateOnly? end = null) => new()
    {
        Id = id, Funder = Plan, Name = id, Amount = amount, Start = new DateOnly(2026, 1, 1), End = end ?? new DateOnly(2026, 12, 31), Method = method, Rules = rules,
    };

    private static StreamPosition Position(FundingStream stream, decimal? remaining = null, decimal? authorized = 10_000m, decimal spentOnPerson = 0m) =>
        new(stream, remaining ?? stream.Amount, authorized, spentOnPerson);

    private static Cost Cost(decimal amount = 30m, int units = 1, string need = "food-insecurity", string service = "Food Pantry", DateOnly? on = null, PersonFacts? facts = null) => new()
    {
        LineId = "line-1", Provider = Pantry, Person = new PersonId("p1"), Need = need, Service = service, DeliveredOn = on ?? new DateOnly(2026, 3, 15),
        Units = units, Amount = amount, Facts = facts ?? new PersonFacts { Age = 40, IncomeBand = "100-199-fpl", County = "24510", Zip = "21201" },
    };

    /// <summary>One cost against one braided stream with one rule: each rule kind once eligible and once not, by the rule as the funder wrote it.</summary>
    public static TheoryData<string, string, bool> Cases() => new()
    {
        { "need food-insecurity, cost for food", "need", true },
        { "need food-insecurity, cost for housing", "need", false },
        { "service Food Pantry, cost for food pantry (case aside)", "service", true },
        { "service Food Pantry, cost for Case Management", "service", false },
        { "ages 18-64, person 64", "age", true },
        { "ages 18-64, person 65", "age", false },
        { "ages 18-64, age not recorded", "age", false },
        { "income at most 200%, band 100-199%", "income", true },
        { "income at most 200%, band 200-399%", "income", false },
        { "income at most 150%, band 100-199% (straddles)", "income", false },
        { "income at most 200%, band not recorded", "income", false },
        { "county 24510, person in 24510", "residence", true },
        { "county 24510, person in 24005", "residence", false },
        { "ZIP 21201, person in 21201", "residence", true },
        { "county 24510, address not recorded", "residence", false },
        { "unit rate 30.00, 2 units for 60.00", "unit-rate", true },
        { "unit rate 30.00, 2 units for 60.02", "unit-rate", false },
        { "cap 100.00 a person, 70.00 spent, 30.00 more", "cap-per-person", true },
        { "cap 100.00 a person, 70.01 spent, 30.00 more", "cap-per-person", false },
        { "2026, delivered 2026-12-31", "period", true },
        { "2026, delivered 2027-01-01", "period", false },
        { "provider authorized for 30.00, cost 30.00", "authorization", true },
        { "provider authorized for 29.99, cost 30.00", "authorization", false },
        { "provider not authorized", "authorization", false },
        { "30.00 left, cost 30.00", "funds", true },
        { "29.99 left, cost 30.00", "funds", false },
    };

    private static (FundingRules Rules, Cost Cost, Func<FundingStream, StreamPosition> Position) Case(string name) => name switch
    {
        "need food-insecurity, cost for food" => (new() { Needs = ["food-insecurity"] }, Cost(), s => Position(s)),
        "need food-insecurity, cost for housing" => (new() { Needs = ["food-insecurity"] }, Cost(need: "housing-instability"), s => Position(s)),
        "service Food Pantry, cost for food pantry (case aside)" => (new() { Services = ["Food Pantry"] }, Cost(service: "food pantry"), s => Position(s)),
        "service Food Pantry, cost for Case Management" => (new() { Services = ["Food Pantry"] }, Cost(service: "Case Management"), s => Position(s)),
        "ages 18-64, person 64" => (Ages, Cost(facts: new() { Age = 64 }), s => Position(s)),
        "ages 18-64, person 65" => (Ages, Cost(facts: new() { Age = 65 }), s => Position(s)),
        "ages 18-64, age not recorded" => (Ages, Cost(facts: new()), s => Position(s)),
        "income at most 200%, band 100-199%" => (Income(200), Cost(facts: new() { IncomeBand = "100-199-fpl" }), s => Position(s)),
        "income at most 200%, band 200-399%" => (Income(200), Cost(facts: new() { IncomeBand = "200-399-fpl" }), s => Position(s)),
        "income at most 150%, band 100-199% (straddles)" => (Income(150), Cost(facts: new() { IncomeBand = "100-199-fpl" }), s => Position(s)),
        "income at most 200%, band not recorded" => (Income(200), Cost(facts: new()), s => Position(s)),
        "county 24510, person in 24510" => (City, Cost(facts: new() { County = "24510" }), s => Position(s)),
        "county 24510, person in 24005" => (City, Cost(facts: new() { County = "24005" }), s => Position(s)),
        "ZIP 21201, person in 21201" => (new() { People = new() { Zips = ["21201"] } }, Cost(facts: new() { Zip = "21201" }), s => Position(s)),
        "county 24510, address not recorded" => (City, Cost(facts: new()), s => Position(s)),
        "unit rate 30.00, 2 units for 60.00" => (new() { UnitRate = 30m }, Cost(60m, units: 2), s => Position(s)),
        "unit rate 30.00, 2 units for 60.02" => (new() { UnitRate = 30m }, Cost(60.02m, units: 2), s => Position(s)),
        "cap 100.00 a person, 70.00 spent, 30.00 more" => (new() { CapPerPerson = 100m }, Cost(30m), s => Position(s, spentOnPerson: 70m)),
        "cap 100.00 a person, 70.01 spent, 30.00 more" => (new() { CapPerPerson = 100m }, Cost(30m), s => Position(s, spentOnPerson: 70.01m)),
        "2026, delivered 2026-12-31" => (new(), Cost(on: new DateOnly(2026, 12, 31)), s => Position(s)),
        "2026, delivered 2027-01-01" => (new(), Cost(on: new DateOnly(2027, 1, 1)), s => Position(s)),
        "provider authorized for 30.00, cost 30.00" => (new(), Cost(30m), s => Position(s, authorized: 30m)),
        "provider authorized for 29.99, cost 30.00" => (new(), Cost(30m), s => Position(s, authorized: 29.99m)),
        "provider not authorized" => (new(), Cost(30m), s => Position(s, authorized: null)),
        "30.00 left, cost 30.00" => (new(), Cost(30m), s => Position(s, remaining: 30m)),
        "29.99 left, cost 30.00" => (new(), Cost(30m), s => Position(s, remaining: 29.99m)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static readonly FundingRules Ages = new() { People = new() { MinimumAge = 18, MaximumAge = 64 } };
    private static readonly FundingRules City = new() { People = new() { Counties = ["24510"] } };

    private static FundingRules Income(int percent) => new() { People = new() { IncomeLimitPercent = percent } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_braided_cost_goes_to_a_stream_only_when_every_rule_is_met(string name, string rule, bool eligible)
    {
        var (rules, cost, position) = Case(name);
        var stream = Stream("s", rules);
        var plan = FundingAllocator.Plan(cost, [position(stream)]);

        Assert.Equal(eligible, plan.Allocated);
        var check = Assert.Single(plan.Checks["s"], c => c.Rule == rule);
        Assert.Equal(eligible, check.Met);
        if (eligible)
        {
            // The share keeps the rules that matched, the one under test among them.
            var share = Assert.Single(plan.Shares);
            Assert.Equal((FundingMethod.Braided, "s", cost.Amount), (plan.Method!.Value, share.StreamId, share.Amount));
            Assert.Contains(share.Matched, m => m.Rule == rule && m.Met);
        }
    }

    [Fact]
    public void Of_two_braided_streams_that_fit_the_more_restrictive_one_pays_then_the_one_ending_first()
    {
        var open = Stream("open", new());
        var food = Stream("food", new() { Needs = ["food-insecurity"] });
        var foodLater = Stream("food-later", new() { Needs = ["food-insecurity"] }, end: new DateOnly(2027, 6, 30));

        Assert.Equal("food", FundingAllocator.Plan(Cost(), [Position(open), Position(foodLater), Position(food)]).Shares.Single().StreamId);
        Assert.Equal("open", FundingAllocator.Plan(Cost(need: "utility-insecurity"), [Position(open), Position(food)]).Shares.Single().StreamId);
    }

    [Fact]
    public void A_cost_no_braided_stream_fits_is_shared_by_the_blended_pool_in_proportion_to_what_each_put_in()
    {
        var braided = Stream("braided", new() { Needs = ["housing-instability"] });
        var county = Stream("county", new(), FundingMethod.Blended, amount: 2000m);
        var foundation = Stream("foundation", new(), FundingMethod.Blended, amount: 1000m);

        var plan = FundingAllocator.Plan(Cost(100m), [Position(braided), Position(county), Position(foundation)]);

        // 100.00 split 2:1 is 66.666… and 33.333…: 66.67 and 33.33, adding up to the cent.
        Assert.Equal(FundingMethod.Blended, plan.Method);
        Assert.Equal([("county", 66.67m), ("foundation", 33.33m)], plan.Shares.Select(s => (s.StreamId, s.Amount)));
    }

    [Fact]
    public void A_pool_member_that_cannot_bear_its_share_refuses_the_whole_cost()
    {
        var county = Stream("county", new(), FundingMethod.Blended, amount: 2000m);
        var foundation = Stream("foundation", new(), FundingMethod.Blended, amount: 1000m);

        var plan = FundingAllocator.Plan(Cost(100m), [Position(county), Position(foundation, remaining: 33.32m)]);

        Assert.False(plan.Allocated);
        Assert.Contains(plan.Checks["foundation"], c => c is { Rule: "funds", Met: false });
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10.001")]
    public void A_stream_amount_that_is_not_a_positive_number_of_cents_is_refused_by_field(string amount) =>
        Assert.Equal("money-positive", (Stream("s", new()) with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }).Validate()["amount"].Key);

    [Fact]
    public void Rules_naming_an_unknown_need_or_a_period_ending_before_it_starts_are_refused_by_field()
    {
        var errors = (Stream("s", new() { Needs = ["food"] }) with { End = new DateOnly(2025, 12, 31) }).Validate();
        Assert.Equal(["end", "needs"], errors.Keys.Order());
    }
}
