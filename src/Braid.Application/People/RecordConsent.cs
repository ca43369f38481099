using Braid.Core.People;
using Braid.Core.Directory.Hsds;
using Braid.Data.People;
using Microsoft.EntityFrameworkCore;

namespace Braid.Application.People;

/// <summary>
/// The organization holding a person's record records the consents the person gives (in person,
/// by electronic signature, or verbally before a named witness) and their revocations, which take
/// effect on the next request.
/// </summary>
public sealed class RecordConsent(UseCaseContext context, PeopleStore people)
{
    /// <param name="person">Whose consent.</param>
    /// <param name="draft">The consent as given; its id, person and recorder are replaced.</param>
    /// <param name="ct">Cancels the recording.</param>
    /// <returns>The consent's id, or the fields that are wrong; neither when there is no such person.</returns>
    public async Task<(ConsentId? Id, IReadOnlyDictionary<string, InputError> Errors)> GrantAsync(PersonId person, PersonConsent draft, CancellationToken ct = default)
    {
        var (actor, file) = await new PersonGate(context, people).CustodianAsync(person, ct);
        if (file is null) return (null, new Dictionary<string, InputError>());
        var consent = draft with { Id = new ConsentId(Guid.NewGuid().ToString()), Person = file.Person.Id, RecordedBy = actor.Id };
        if (PersonConsent.Validate(consent) is { Count: > 0 } errors) return (null, errors);
        return (await context.ChangeAsync(async audit =>
        {
            await people.AddConsentAsync(context.CommunityId, consent, context.Time.GetUtcNow(), ct);
            audit.Record(actor, "consents.grant", Describe(consent), target: PersonGate.Target(file.Person.Id));
            return (ConsentId?)consent.Id;
        }, ct), new Dictionary<string, InputError>());
    }

    /// <summary>False when the person has no such consent in force.</summary>
    public async Task<bool> RevokeAsync(PersonId person, ConsentId consent, CancellationToken ct = default)
    {
        var (actor, file) = await new PersonGate(context, people).CustodianAsync(person, ct);
        if (file?.Consents.FirstOrDefault(c => c.Id == consent) is not { } found) return false;
        return await context.ChangeAsync(async audit =>
        {
            var revoked = await people.RevokeConsentAsync(context.CommunityId, found.Person, consent, actor.Id, context.Time.GetUtcNow(), ct);
            audit.Record(actor, "consents.revoke", revoked ? Describe(found) : "already revoked", target: PersonGate.Target(file.Person.Id));
            return revoked;
        }, ct);
    }

    /// <summary>The organizations a consent of this person can name, by name; null when there is no such person.</summary>
    public async Task<IReadOnlyList<(OrganizationId Id, string Name)>?> GranteesAsync(PersonId person, CancellationToken ct = default)
    {
        if ((await new PersonGate(context, people).CustodianAsync(person, ct)).File is null) return null;
        var organizations = await context.Db.Set<Organization>().AsNoTracking().Where(o => o.CommunityId == context.CommunityId.Value)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        return [.. organizations.Select(o => (Id: new OrganizationId(o.Id), Name: o.Name ?? o.Id)).OrderBy(o => o.Name, StringComparer.CurrentCulture)];
    }

    private static string Describe(PersonConsent c) =>
        $"{PeopleStore.Name(c.Grantee.Kind)} {c.Grantee.Value}: {string.Join(',', c.Categories.Order().Select(PeopleStore.Name))} for {string.Join(',', c.Purposes.Order().Select(PeopleStore.Name))}";
}
