using System.Globalization;
using Braid.Core.Directory.Eligibility;

namespace Braid.Core.Funding;

/// <summary>A cost to meet: one invoice line, a service a provider delivered to a person for a need, with what was known of the person that day.</summary>
public sealed record Cost
{
    public required string LineId { get; init; }
    public required OrganizationId Provider { get; init; }
    public required PersonId Person { get; init; }
    public required string Need { get; init; }
    public required string Service { get; init; }
    public required DateOnly DeliveredOn { get; init; }
    public required int Units { get; init; }
    public required decimal Amount { get; init; }
    public PersonFacts Facts { get; init; } = new();
}

/// <summary>Where a stream stands for one cost: what it has left, what the provider's authorization has left (null: none), and what it already paid for the person.</summary>
public sealed record StreamPosition(FundingStream Stream, decimal Remaining, decimal? AuthorizationLeft, decimal SpentOnPerson);

/// <summary>One rule of a stream checked against a cost, worded with the facts it was checked on (kept with a braided allocation as the rule that matched).</summary>
public sealed record RuleResult(string Rule, bool Met, string Detail);

/// <summary>One stream's share of a cost, with the rules the cost satisfied.</summary>
public sealed record Share(string StreamId, decimal Amount, IReadOnlyList<RuleResult> Matched);

/// <summary>How a cost is met (no method and no shares when no stream can meet it), and every stream's checks, so a refusal says why.</summary>
public sealed record AllocationPlan(FundingMethod? Method, IReadOnlyList<Share> Shares, IReadOnlyDictionary<string, IReadOnlyList<RuleResult>> Checks)
{
    public bool Allocated => Shares.Count > 0;
}

/// <summary>
/// Decides which streams meet a cost. Braided first: of the braided streams whose every rule the
/// cost satisfies, the most restrictive (most rules), then the one ending first, then by id, so
/// flexible and later money is kept for costs only it can meet. Otherwise blended: the pool of
/// blended streams whose rules the cost satisfies bears it in proportion to their amounts, when
/// every one of them can bear its share.
/// </summary>
public static class FundingAllocator
{
    public static AllocationPlan Plan(Cost cost, IReadOnlyList<StreamPosition> positions)
    {
        var checks = positions.ToDictionary(p => p.Stream.Id, p => Check(cost, p, cost.Amount));
        var braided = positions
            .Where(p => p.Stream.Method == FundingMethod.Braided && checks[p.Stream.Id].All(r => r.Met))
            .OrderByDescending(p => RuleCount(p.Stream.Rules)).ThenBy(p => p.Stream.End).ThenBy(p => p.Stream.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (braided is not null) return new AllocationPlan(FundingMethod.Braided, [new Share(braided.Stream.Id, cost.Amount, checks[braided.Stream.Id])], checks);

        // A blended stream's rules other than the money are those of the pool; each then bears its share.
        var pool = positions.Where(p => p.Stream.Method == FundingMethod.Blended && checks[p.Stream.Id].All(r => r.Met || r.Rule is "funds" or "authorization" or "cap-per-person"))
            .OrderBy(p => p.Stream.Id, StringComparer.Ordinal).ToList();
        if (pool.Count == 0) return new AllocationPlan(null, [], checks);
        var amounts = Money.Split(cost.Amount, [.. pool.Select(p => p.Stream.Amount)]);
        var shares = new List<Share>();
        for (var i = 0; i < pool.Count; i++)
        {
            if (amounts[i] == 0) continue;
            var own = Check(cost, pool[i], amounts[i]);
            checks[pool[i].Stream.Id] = own;
            if (!own.All(r => r.Met)) return new AllocationPlan(null, [], checks);
            shares.Add(new Share(pool[i].Stream.Id, amounts[i], own));
        }

        return new AllocationPlan(FundingMethod.Blended, shares, checks);
    }

    /// <summary>Every rule of the stream against the cost, when the stream would bear <paramref name="amount"/> of it.</summary>
    public static IReadOnlyList<RuleResult> Check(Cost cost, StreamPosition position, decimal amount)
    {
        var (stream, rules) = (position.Stream, position.Stream.Rules);
        var results = new List<RuleResult>
        {
            new("period", stream.Covers(cost.DeliveredOn), $"{Day(cost.DeliveredOn)} in {Day(stream.Start)}–{Day(stream.End)}"),
            position.AuthorizationLeft is { } left
                ? new("authorization", amount <= left, $"{Cents(amount)} of {Cents(left)} authorized left")
                : new("authorization", false, "the provider is not authorized to bill this stream"),
        };
        if (rules.Needs.Count > 0) results.Add(new("need", rules.Needs.Contains(cost.Need), $"{cost.Need} in {string.Join(", ", rules.Needs)}"));
        if (rules.Services.Count > 0) results.Add(new("service", rules.Services.Contains(cost.Service, StringComparer.OrdinalIgnoreCase), $"{cost.Service} in {string.Join(", ", rules.Services)}"));

        // The person's rules are a service's eligibility rules judged on the facts of the day; a fact the record lacks does not qualify.
        var judged = EligibilityJudge.Judge(rules.People, cost.Facts, cost.DeliveredOn.Year);
        foreach (var check in judged.Checks)
        {
            var met = check.Outcome == RuleOutcome.Met;
            results.Add(check.Rule switch
            {
                EligibilityRule.Age => new("age", met, $"age {Or(cost.Facts.Age)} in {rules.People.MinimumAge?.ToString(CultureInfo.InvariantCulture) ?? "0"}–{rules.People.MaximumAge?.ToString(CultureInfo.InvariantCulture) ?? "any"}"),
                EligibilityRule.Income => new("income", met, $"income {Or(cost.Facts.IncomeBand)} at or below {rules.People.IncomeLimitPercent}% of the poverty guideline"),
                _ => new("residence", met, $"county {Or(cost.Facts.County)}, ZIP {Or(cost.Facts.Zip)} in {string.Join(", ", rules.People.Counties.Concat(rules.People.Zips))}"),
            });
        }

        if (rules.UnitRate is { } rate)
        {
            var perUnit = cost.Units > 0 ? cost.Amount / cost.Units : cost.Amount;
            results.Add(new("unit-rate", cost.Units > 0 && perUnit <= rate, $"{Cents(perUnit)} a unit at most {Cents(rate)}"));
        }

        if (rules.CapPerPerson is { } cap) results.Add(new("cap-per-person", position.SpentOnPerson + amount <= cap, $"{Cents(position.SpentOnPerson)} + {Cents(amount)} for the person at most {Cents(cap)}"));
        results.Add(new("funds", amount <= position.Remaining, $"{Cents(amount)} of {Cents(position.Remaining)} left"));
        return results;
    }

    private static int RuleCount(FundingRules rules) =>
        (rules.Needs.Count > 0 ? 1 : 0) + (rules.Services.Count > 0 ? 1 : 0) + (rules.People.MinimumAge is not null || rules.People.MaximumAge is not null ? 1 : 0)
        + (rules.People.IncomeLimitPercent is not null ? 1 : 0) + (rules.People.Counties.Count + rules.People.Zips.Count > 0 ? 1 : 0)
        + (rules.UnitRate is not null ? 1 : 0) + (rules.CapPerPerson is not null ? 1 : 0);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Cents(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Or<T>(T? value) => value?.ToString() ?? "not recorded";
}
