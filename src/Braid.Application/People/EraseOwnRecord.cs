using Braid.Core.People;
using Braid.Data.People;

namespace Braid.Application.People;

/// <summary>
/// A person asks for their data to be deleted from their portal. They first see the plan (what
/// goes, what the community's retention rules keep, until when and why); when they confirm, the
/// plan is made again and carried out in one transaction, and the audit trail keeps a tombstone
/// of the request: which person, and how much of each part went and stayed, never what it held.
/// </summary>
public sealed class EraseOwnRecord(UseCaseContext context, PeopleStore people, ErasureStore erasure)
{
    /// <summary>What a request would do now; null when the person has no record.</summary>
    public async Task<ErasurePlan?> PlanAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, ct: ct);
        if (await new PersonGate(context, people).LoadAsync(actor.PersonId!.Value, ct) is not { } file) return null;
        var plan = await MakeAsync(file, ct);
        await context.RecordAsync(actor, "people.erase.plan", Describe(plan), target: PersonGate.Target(file.Person.Id), ct: ct);
        return plan;
    }

    /// <summary>Carries out the request; returns what it did, or null when the person has no record.</summary>
    public async Task<ErasurePlan?> ConfirmAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, ct: ct);
        return await context.ChangeAsync(async audit =>
        {
            if (await new PersonGate(context, people).LoadAsync(actor.PersonId!.Value, ct) is not { } file)
            {
                audit.Record(actor, "people.erase", "no record");
                return null;
            }

            var plan = await MakeAsync(file, ct);
            var contacts = file.Merged.Prepend(file.Person).SelectMany(p => new[] { p.Email, p.Phone }).OfType<string>().Distinct().ToList();
            await erasure.EraseAsync(context.CommunityId, file.Ids, plan, contacts, actor.Id, context.Time.GetUtcNow(), ct);
            audit.Record(actor, "people.erase", Describe(plan), target: PersonGate.Target(file.Person.Id));
            return plan;
        }, ct);
    }

    private async Task<ErasurePlan> MakeAsync(PersonFile file, CancellationToken ct)
    {
        var now = context.Time.GetUtcNow();
        return ErasurePlan.Make(await erasure.ItemsAsync(context.CommunityId, file.Ids, now, ct), await erasure.RulesAsync(context.CommunityId, ct), now);
    }

    private static string Describe(ErasurePlan plan) =>
        string.Join("; ", plan.Summary().Select(s => $"{PeopleStore.Name(s.Part)} deleted {s.Deleted} kept {s.Kept}"));
}
