using Braid.Core.People;
using Braid.Data.People;
using Braid.Data.Region;

namespace Braid.Application.People;

/// <summary>
/// A likely duplicate of a person being registered. Its name and date of birth are shown only when
/// the registering navigator may see them; otherwise only the organization that holds it.
/// </summary>
public sealed record PossibleDuplicate(PersonId? Id, string? DisplayName, DateOnly? BirthDate, OrganizationId RegisteredBy, MatchResult Match);

/// <summary>The id of the person registered, or why not: the fields that are wrong, or likely duplicates for the navigator to confirm first.</summary>
public sealed record Registration(PersonId? Id, IReadOnlyDictionary<string, InputError> Errors, IReadOnlyList<PossibleDuplicate> Duplicates);

/// <summary>
/// Staff register a person for their organization. The record is checked, placed in its census
/// tract when the address was geocoded inside the region, and held back when it likely duplicates
/// someone already registered, until the navigator confirms it is someone new.
/// </summary>
public sealed class RegisterPerson(UseCaseContext context, PeopleStore people)
{
    /// <param name="organization">The organization registering (it holds the record for the person's care).</param>
    /// <param name="draft">The person as entered; its id and <c>RegisteredBy</c> are replaced.</param>
    /// <param name="confirmedNew">The navigator saw the likely duplicates and says this is someone else.</param>
    /// <param name="ct">Cancels the registration.</param>
    public async Task<Registration> RunAsync(OrganizationId organization, Person draft, bool confirmedNew = false, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.PersonWrite, organization, ct: ct);
        var person = Placed(organization, draft);
        if (PersonRules.Validate(person, await TodayAsync(ct)) is { Count: > 0 } errors) return new Registration(null, errors, []);
        return await context.ChangeAsync(audit => RegisterAsync(audit, actor, person, confirmedNew, ct), ct);
    }

    /// <summary>The person as they will be stored for <paramref name="organization"/>: a new id, and their census tract when the address was geocoded inside the region.</summary>
    internal static Person Placed(OrganizationId organization, Person draft) => draft with
    {
        Id = new PersonId(Guid.NewGuid().ToString()), RegisteredBy = organization,
        Tract = draft.Latitude is { } lat && draft.Longitude is { } lon ? RegionData.TractBoundaries.Locate(lat, lon) : null,
    };

    internal async Task<DateOnly> TodayAsync(CancellationToken ct) => DateOnly.FromDateTime((await context.LocalNowAsync(ct)).DateTime);

    /// <summary>
    /// Inside the caller's transaction: stores an already <see cref="Placed"/> and valid person,
    /// unless they likely duplicate someone (also someone stored earlier in the same transaction)
    /// and the navigator has not confirmed they are new.
    /// </summary>
    internal async Task<Registration> RegisterAsync(AuditTrail audit, Actor actor, Person person, bool confirmedNew, CancellationToken ct)
    {
        var (duplicates, shown, consents) = await DuplicatesAsync(actor, person, ct);
        await new PersonGate(context, people).DiscloseListedAsync(audit, actor, shown, consents, "duplicate-check", ct);
        if (duplicates.Count > 0 && !confirmedNew)
        {
            audit.Record(actor, "people.register", $"held back: {duplicates.Count} likely duplicates", person.RegisteredBy);
            return new Registration(null, new Dictionary<string, InputError>(), duplicates);
        }

        await people.AddAsync(context.CommunityId, person, context.Time.GetUtcNow(), ct);
        audit.Record(actor, "people.register", duplicates.Count > 0 ? $"succeeded, confirmed new despite {duplicates.Count} likely duplicates" : "succeeded", person.RegisteredBy, PersonGate.Target(person.Id));
        return new Registration(person.Id, new Dictionary<string, InputError>(), duplicates);
    }

    private async Task<(List<PossibleDuplicate> All, List<(Person, PersonAccess)> Shown, List<PersonConsent> Consents)> DuplicatesAsync(Actor actor, Person person, CancellationToken ct)
    {
        var fields = PersonMatching.Of(person);
        var query = new PersonQuery(fields.Given, fields.Family, person.BirthDate, fields.Phone);
        var likely = (await people.CandidatesAsync(context.CommunityId, query, ct))
            .Select(p => (p, match: PersonMatching.Compare(fields, PersonMatching.Of(p)))).Where(c => c.match.IsLikely()).OrderByDescending(c => c.match.Score).Take(10).ToList();
        if (likely.Count == 0) return ([], [], []);
        var consents = await people.ConsentsAsync(context.CommunityId, [.. likely.Select(c => c.p.Id)], ct);
        var now = context.Time.GetUtcNow();
        var decided = likely.Select(c => (c.p, c.match, access: PersonDataAccess.Decide(actor, context.CommunityId, c.p, consents, DataCategory.Demographics, Purpose.CareCoordination, now))).ToList();
        var all = decided.Select(c => c.access.Allowed
            ? new PossibleDuplicate(c.p.Id, c.p.DisplayName, c.p.BirthDate, c.p.RegisteredBy, c.match)
            : new PossibleDuplicate(null, null, null, c.p.RegisteredBy, c.match)).ToList();
        return (all, [.. decided.Where(c => c.access.Allowed).Select(c => (c.p, c.access))], consents);
    }
}
