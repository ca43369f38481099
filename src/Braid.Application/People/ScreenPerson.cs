using Braid.Core.People;
using Braid.Core.Screening;
using Braid.Data.People;

namespace Braid.Application.People;

/// <summary>
/// A navigator (or an API client with screening.write) screens a person: starts a screening with an
/// instrument, answers or declines item by item (each answer saved, so a screen can be resumed),
/// and completes it, when each positive domain becomes a proposed need for the person to decide on.
/// </summary>
public sealed class ScreenPerson(UseCaseContext context, PeopleStore people)
{
    /// <summary>The new screening's id, or an error naming the instrument Braid does not have; neither when there is no such person.</summary>
    public async Task<(string? Id, InputError? Error)> StartAsync(PersonId person, string instrument, string language, CancellationToken ct = default)
    {
        var (actor, file) = await new PersonGate(context, people).WritableAsync(person, DataCategory.Screening, ct);
        if (file is null) return (null, null);
        if (Instruments.Find(instrument) is not { } chosen) return (null, new InputError("screening-unknown-instrument", instrument));
        var screening = new Screening
        {
            Id = Guid.NewGuid().ToString(), Person = file.Person.Id, Instrument = chosen, StartedBy = actor.Id, StartedAt = context.Time.GetUtcNow(), Language = language,
        };
        return (await context.ChangeAsync(async audit =>
        {
            await people.SaveScreeningAsync(context.CommunityId, screening, ct);
            audit.Record(actor, "screenings.start", chosen.Id, target: Target(screening));
            return screening.Id;
        }, ct), null);
    }

    /// <summary>The screening as far as it has got, for the form that resumes it; the read is disclosed like any other.</summary>
    public async Task<Screening?> ReadAsync(string id, CancellationToken ct = default)
    {
        var (actor, file, screening) = await LoadAsync(id, ct);
        if (screening is null) return null;
        var gate = new PersonGate(context, people);
        var access = gate.Decide(actor, file!, [DataCategory.Screening, .. screening.Instrument.Questions.Select(q => q.ConsentCategory)], Purpose.CareCoordination);
        return await context.ChangeAsync(async audit =>
        {
            await gate.DiscloseAsync(audit, actor, file!, "page", access, Purpose.CareCoordination, ct);
            return ReadPerson.Withhold(screening, c => access[c].Allowed);
        }, ct);
    }

    /// <summary>
    /// Saves the item's answer (or that it was declined); or returns an error naming what the
    /// instrument does not allow, with nothing saved. It returns no answers: the form reads them
    /// again through <see cref="ReadAsync"/>, which discloses the read.
    /// </summary>
    public async Task<InputError?> RespondAsync(string id, string loinc, ItemResponse response, CancellationToken ct = default)
    {
        var (actor, _, screening) = await LoadAsync(id, ct);
        if (screening is null) return new InputError("screening-unknown", id);
        var (answered, error) = screening.Respond(loinc, response);
        if (answered is null) return error;
        await context.ChangeAsync(async audit =>
        {
            await people.SaveScreeningAsync(context.CommunityId, answered, ct);
            audit.Record(actor, "screenings.respond", response.Declined ? loinc + " declined" : loinc, target: Target(answered));
            return answered;
        }, ct);
        return null;
    }

    /// <summary>Completes the screening; each positive domain's categories become proposed needs (none already open is proposed twice). Null when there is no such screening; otherwise how many were proposed.</summary>
    public async Task<int?> CompleteAsync(string id, CancellationToken ct = default)
    {
        var (actor, file, screening) = await LoadAsync(id, ct);
        if (screening is null) return null;
        return await SaveCompletedAsync(actor, file!, screening.Complete(context.Time.GetUtcNow()), "screenings.complete", ct);
    }

    /// <summary>
    /// A whole screening given at once (by an EHR, as a QuestionnaireResponse): every response is
    /// checked against the instrument first, and nothing is stored when one is wrong. A completed one
    /// proposes its needs as <see cref="CompleteAsync"/> does.
    /// </summary>
    /// <returns>The screening's id, or the error naming the response that is wrong; neither when there is no such person.</returns>
    public async Task<(string? Id, InputError? Error)> RecordAsync(PersonId person, string instrument, IReadOnlyDictionary<string, ItemResponse> responses, bool completed, string language, CancellationToken ct = default)
    {
        var (actor, file) = await new PersonGate(context, people).WritableAsync(person, DataCategory.Screening, ct);
        if (file is null) return (null, null);
        if (Instruments.Find(instrument) is not { } chosen) return (null, new InputError("screening-unknown-instrument", instrument));
        var now = context.Time.GetUtcNow();
        var screening = new Screening { Id = Guid.NewGuid().ToString(), Person = file.Person.Id, Instrument = chosen, StartedBy = actor.Id, StartedAt = now, Language = language };
        foreach (var (item, response) in responses)
        {
            var (answered, error) = screening.Respond(item, response);
            if (answered is null) return (null, error! with { Field = item });
            screening = answered;
        }

        if (completed) await SaveCompletedAsync(actor, file, screening.Complete(now), "screenings.record", ct);
        else await context.ChangeAsync(async audit =>
        {
            await people.SaveScreeningAsync(context.CommunityId, screening, ct);
            audit.Record(actor, "screenings.record", "in progress", target: Target(screening));
            return screening.Id;
        }, ct);
        return (screening.Id, null);
    }

    private async Task<int?> SaveCompletedAsync(Actor actor, PersonFile file, Screening completed, string action, CancellationToken ct)
    {
        var open = (await people.NeedsAsync(context.CommunityId, file.Ids, ct)).Where(n => n.Status is NeedStatus.Proposed or NeedStatus.Accepted).Select(n => n.Category).ToHashSet();
        var proposed = completed.PositiveCategories.Where(c => !open.Contains(c))
            .Select(c => new Need { Id = Guid.NewGuid().ToString(), Person = file.Person.Id, Category = c, Screening = completed.Id, RecordedAt = completed.CompletedAt!.Value }).ToList();
        return await context.ChangeAsync<int?>(async audit =>
        {
            await people.SaveScreeningAsync(context.CommunityId, completed, ct);
            await people.SaveNeedsAsync(context.CommunityId, proposed, ct);
            audit.Record(actor, action, $"{proposed.Count} needs proposed", target: Target(completed));
            return proposed.Count;
        }, ct);
    }

    private async Task<(Actor Actor, PersonFile? File, Screening? Screening)> LoadAsync(string id, CancellationToken ct)
    {
        var actor = await new PersonGate(context, people).AuthorizeWriteAsync("screening:" + id, ct);
        if (await people.ScreeningAsync(context.CommunityId, id, ct) is not { } screening) return (actor, null, null);
        var (_, file) = await new PersonGate(context, people).WritableAsync(screening.Person, DataCategory.Screening, ct);
        return file is null ? (actor, null, null) : (actor, file, screening);
    }

    private static string Target(Screening screening) => "screening:" + screening.Id;
}
