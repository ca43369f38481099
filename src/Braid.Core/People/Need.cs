namespace Braid.Core.People;

/// <summary>
/// Where a need stands. A screening proposes; the person accepts or rejects. A rejected need stays
/// visible as rejected and is never referred on; the person may add the need again later.
/// </summary>
public enum NeedStatus { Proposed, Accepted, Rejected, Met }

/// <summary>A social need (a Gravity SDOH category), where it came from, where it stands, and the person's rank for it.</summary>
public sealed record Need
{
    public required string Id { get; init; }
    public required PersonId Person { get; init; }

    /// <summary>The Gravity SDOH category code (food-insecurity, housing-instability…).</summary>
    public required string Category { get; init; }

    /// <summary>The screening that found it, or null when the person named it themself.</summary>
    public string? Screening { get; init; }
    public NeedStatus Status { get; init; } = NeedStatus.Proposed;

    /// <summary>The person's order of importance, 1 first; null for needs not accepted.</summary>
    public int? Rank { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }

    public bool MayBeReferred => Status == NeedStatus.Accepted;

    public Need Accept() => Status == NeedStatus.Proposed ? this with { Status = NeedStatus.Accepted } : throw Illegal(NeedStatus.Accepted);

    public Need Reject() => Status is NeedStatus.Proposed or NeedStatus.Accepted ? this with { Status = NeedStatus.Rejected, Rank = null } : throw Illegal(NeedStatus.Rejected);

    public Need MarkMet() => Status == NeedStatus.Accepted ? this with { Status = NeedStatus.Met, Rank = null } : throw Illegal(NeedStatus.Met);

    private DomainRuleException Illegal(NeedStatus to) => new($"A {Status.ToString().ToLowerInvariant()} need cannot become {to.ToString().ToLowerInvariant()}.");

    /// <summary>
    /// The person's ranking: the accepted needs in the order given (1 first), then any accepted need
    /// they did not place, in its old order. Needs not accepted have no rank.
    /// </summary>
    public static IReadOnlyList<Need> Ranked(IReadOnlyList<Need> needs, IReadOnlyList<string> order)
    {
        var accepted = needs.Where(n => n.Status == NeedStatus.Accepted)
            .OrderBy(n => order.ToList().IndexOf(n.Id) is var i and >= 0 ? i : order.Count + (n.Rank ?? int.MaxValue / 2)).ToList();
        return [.. needs.Select(n => n.Status == NeedStatus.Accepted ? n with { Rank = accepted.IndexOf(n) + 1 } : n with { Rank = null })];
    }

    /// <summary>The person's ranked needs first, then the proposed, then the rest (met, rejected).</summary>
    public static IEnumerable<Need> InPersonsOrder(IEnumerable<Need> needs) =>
        needs.OrderBy(n => n.Status switch { NeedStatus.Accepted => 0, NeedStatus.Proposed => 1, NeedStatus.Met => 2, _ => 3 }).ThenBy(n => n.Rank ?? int.MaxValue).ThenBy(n => n.RecordedAt);
}

/// <summary>What became of a goal, in FHIR Goal.achievementStatus terms.</summary>
public enum GoalAchievement { InProgress, Improving, Worsening, NoChange, Achieved, Sustaining, NotAchieved, NoProgress, NotAttainable }

/// <summary>A goal in the person's own words, optionally for one of their needs, with its achievement over time.</summary>
public sealed record Goal
{
    public required string Id { get; init; }
    public required PersonId Person { get; init; }
    public string? Need { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<(GoalAchievement Status, DateTimeOffset At)> History { get; init; } = [];

    public GoalAchievement Status => History.Count == 0 ? GoalAchievement.InProgress : History[^1].Status;

    public Goal Record(GoalAchievement status, DateTimeOffset at) => this with { History = [.. History, (status, at)] };
}
