using Braid.Data.People;

namespace Braid.Application.People;

/// <summary>
/// The navigator confirms that two records are one person: the duplicate is merged into the other
/// and its data is read under the survivor from then on. Nothing is moved or deleted, so the merge
/// can be undone; both are audited.
/// </summary>
public sealed class MergePeople(UseCaseContext context, PeopleStore people)
{
    /// <summary>False when either is missing, they are already one record, or the duplicate was merged before.</summary>
    public async Task<bool> MergeAsync(PersonId duplicate, PersonId into, CancellationToken ct = default)
    {
        var gate = new PersonGate(context, people);
        var (actor, to) = await gate.CustodianAsync(into, ct);
        if (to is null || await people.FindAsync(context.CommunityId, duplicate, ct) is not (_, null)) return false;
        var (_, from) = await gate.CustodianAsync(duplicate, ct);
        if (from is null || from.Person.Id == to.Person.Id) return false;
        return await context.ChangeAsync(async audit =>
        {
            await people.MergeAsync(context.CommunityId, duplicate, to.Person.Id, context.Time.GetUtcNow(), ct);
            audit.Record(actor, "people.merge", "into " + to.Person.Id, target: PersonGate.Target(duplicate));
            return true;
        }, ct);
    }

    /// <summary>False when the record is not a duplicate merged into <paramref name="survivor"/>.</summary>
    public async Task<bool> UnmergeAsync(PersonId duplicate, PersonId survivor, CancellationToken ct = default)
    {
        var (actor, file) = await new PersonGate(context, people).CustodianAsync(survivor, ct);
        if (file is null || file.Merged.All(m => m.Id != duplicate)) return false;
        return await context.ChangeAsync(async audit =>
        {
            await people.UnmergeAsync(context.CommunityId, duplicate, ct);
            audit.Record(actor, "people.unmerge", "from " + survivor, target: PersonGate.Target(duplicate));
            return true;
        }, ct);
    }
}
