using Braid.Core.Directory;
using Braid.Core.People;
using Braid.Data.People;

namespace Braid.Application.People;

/// <summary>
/// The person, with their navigator, says which needs are theirs and in what order: accepts or
/// rejects what a screening proposed, adds needs of their own, ranks them, and sets goals in their
/// own words. Each change is audited.
/// </summary>
public sealed class PrioritizeNeeds(UseCaseContext context, PeopleStore people)
{
    // The methods answer with ids and flags, not the person's data: the page reads that back through ReadPerson, which discloses it.

    /// <summary>False when the person has no such need.</summary>
    public async Task<bool> DecideAsync(PersonId person, string need, bool accept, CancellationToken ct = default) =>
        await ChangeNeedsAsync(person, need, n => accept ? n.Accept() : n.Reject(), accept ? "accepted" : "rejected", ct);

    /// <summary>A need the person names themself (a Gravity SDOH category); it is accepted at once and ranked last.</summary>
    public async Task<(string? Id, InputError? Error)> AddAsync(PersonId person, string category, CancellationToken ct = default)
    {
        // Who may is decided before what was asked is checked: a refusal must not depend on the input.
        var gate = new PersonGate(context, people);
        var (actor, file) = await gate.WritableAsync(person, DataCategory.Screening, ct);
        if (file is null) return (null, null);
        if (NeedDomains.Find(category) is null) return (null, new InputError("need-category-unknown", category));
        await gate.RequireAsync(actor, file, NeedCategories.Of(category), ct);
        var needs = await people.NeedsAsync(context.CommunityId, file.Ids, ct);
        var added = new Need { Id = Guid.NewGuid().ToString(), Person = file.Person.Id, Category = category, RecordedAt = context.Time.GetUtcNow() }.Accept();
        var ranked = Need.Ranked([.. needs, added], RankedLast(needs, added.Id));
        return (await context.ChangeAsync(async audit =>
        {
            await people.SaveNeedsAsync(context.CommunityId, ranked, ct);
            audit.Record(actor, "needs.add", category, target: PersonGate.Target(file.Person.Id));
            return added.Id;
        }, ct), null);
    }

    /// <summary>The accepted needs in the person's order (ids, most important first); needs left out keep their relative order after those named.</summary>
    public async Task<bool> RankAsync(PersonId person, IReadOnlyList<string> order, CancellationToken ct = default)
    {
        var (actor, file) = await new PersonGate(context, people).WritableAsync(person, DataCategory.Screening, ct);
        if (file is null) return false;
        var ranked = Need.Ranked(await people.NeedsAsync(context.CommunityId, file.Ids, ct), order);
        return await context.ChangeAsync(async audit =>
        {
            await people.SaveNeedsAsync(context.CommunityId, ranked, ct);
            audit.Record(actor, "needs.rank", string.Join(',', ranked.Where(n => n.Rank is not null).OrderBy(n => n.Rank).Select(n => n.Category)), target: PersonGate.Target(file.Person.Id));
            return true;
        }, ct);
    }

    /// <summary>A goal in the person's words, for one of their needs or on its own.</summary>
    public async Task<(string? Id, InputError? Error)> SetGoalAsync(PersonId person, string text, string? need, CancellationToken ct = default)
    {
        var gate = new PersonGate(context, people);
        var (actor, file) = await gate.WritableAsync(person, DataCategory.Screening, ct);
        if (file is null) return (null, null);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500) return (null, new InputError("goal-text", 500));
        var needs = await people.NeedsAsync(context.CommunityId, file.Ids, ct);
        if (need is not null && needs.All(n => n.Id != need)) return (null, new InputError("goal-need-unknown", need));
        if (need is not null) await gate.RequireAsync(actor, file, NeedCategories.Of(needs.Single(n => n.Id == need).Category), ct);
        var goal = new Goal { Id = Guid.NewGuid().ToString(), Person = file.Person.Id, Need = need, Text = text.Trim() };
        await Save(actor, goal, "goals.set", ct);
        return (goal.Id, null);
    }

    /// <summary>How the goal stands now (achieved, improving…), appended to its history.</summary>
    public async Task<bool> RecordGoalAsync(PersonId person, string goal, GoalAchievement status, CancellationToken ct = default)
    {
        var (actor, file) = await new PersonGate(context, people).WritableAsync(person, DataCategory.Screening, ct);
        if (file is null || (await people.GoalsAsync(context.CommunityId, file.Ids, ct)).FirstOrDefault(g => g.Id == goal) is not { } found) return false;
        await Save(actor, found.Record(status, context.Time.GetUtcNow()), "goals.record", ct);
        return true;
    }

    /// <summary>The person's current order with one need (moved or new) put last.</summary>
    private static List<string> RankedLast(IEnumerable<Need> needs, string need) =>
        [.. needs.Where(n => n.Rank is not null && n.Id != need).OrderBy(n => n.Rank).Select(n => n.Id), need];

    private Task<Goal> Save(Actor actor, Goal goal, string action, CancellationToken ct) => context.ChangeAsync(async audit =>
    {
        await people.SaveGoalAsync(context.CommunityId, goal, context.Time.GetUtcNow(), ct);
        audit.Record(actor, action, PeopleStore.Name(goal.Status), target: PersonGate.Target(goal.Person));
        return goal;
    }, ct);

    private async Task<bool> ChangeNeedsAsync(PersonId person, string need, Func<Need, Need> change, string outcome, CancellationToken ct)
    {
        var gate = new PersonGate(context, people);
        var (actor, file) = await gate.WritableAsync(person, DataCategory.Screening, ct);
        if (file is null || (await people.NeedsAsync(context.CommunityId, file.Ids, ct)) is not { } needs || needs.FirstOrDefault(n => n.Id == need) is not { } found) return false;
        await gate.RequireAsync(actor, file, NeedCategories.Of(found.Category), ct);
        var changed = change(found);
        // Accepting ranks the need last; rejecting closes the gap it leaves.
        var ranked = Need.Ranked([.. needs.Select(n => n.Id == need ? changed : n)], RankedLast(needs, need));
        return await context.ChangeAsync(async audit =>
        {
            await people.SaveNeedsAsync(context.CommunityId, ranked, ct);
            audit.Record(actor, "needs.decide", $"{found.Category} {outcome}", target: PersonGate.Target(found.Person));
            return true;
        }, ct);
    }
}
