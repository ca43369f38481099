using Braid.Core.People;
using Braid.Data.People;

namespace Braid.Application.People;

/// <summary>A person with the records merged into them and every consent any of those records holds.</summary>
internal sealed record PersonFile(Person Person, IReadOnlyList<Person> Merged, IReadOnlyList<PersonConsent> Consents)
{
    /// <summary>The person's id and those of the duplicates merged into them: their data is read under all of them.</summary>
    public IReadOnlyList<PersonId> Ids => [Person.Id, .. Merged.Select(m => m.Id)];
}

/// <summary>
/// Loads a person's file, asks <see cref="PersonDataAccess"/> about each category, and appends the
/// disclosure (and its audit event) in the transaction of the read itself: when the log cannot be
/// written, nothing is returned.
/// </summary>
internal sealed class PersonGate(UseCaseContext context, PeopleStore people)
{
    /// <summary>The file, or null when there is no such person; a merged duplicate's file is the survivor's.</summary>
    public async Task<PersonFile?> LoadAsync(PersonId id, CancellationToken ct)
    {
        if (await people.FindAsync(context.CommunityId, id, ct) is not var (person, mergedInto)) return null;
        if (mergedInto is { } survivor) return await LoadAsync(survivor, ct);
        var merged = await people.MergedIntoAsync(context.CommunityId, person.Id, ct);
        var consents = await people.ConsentsAsync(context.CommunityId, [person.Id, .. merged.Select(m => m.Id)], ct);
        return new PersonFile(person, merged, consents);
    }

    /// <summary>
    /// The file of a person the actor may change <paramref name="category"/> of (under care
    /// coordination), or null when there is no such person; otherwise the denial is audited and thrown.
    /// </summary>
    public async Task<(Actor Actor, PersonFile? File)> WritableAsync(PersonId id, DataCategory category, CancellationToken ct)
    {
        var actor = await AuthorizeWriteAsync(Target(id), ct);
        if (await LoadAsync(id, ct) is not { } file) return (actor, null);
        await RequireAsync(actor, file, category, ct);
        return (actor, file);
    }

    /// <summary>
    /// Refuses (audited) unless the actor may change <paramref name="category"/> of a file already
    /// loaded: for a change whose category is known only once the file is read (a need's domain).
    /// </summary>
    public async Task RequireAsync(Actor actor, PersonFile file, DataCategory category, CancellationToken ct)
    {
        // The holding organization's own systems record screenings with screening.write, without having to read.
        if (actor.Kind == ActorKind.Client && actor.Scopes.Contains(Scopes.ScreeningWrite) && actor.Memberships.Any(m => m.OrganizationId == file.Person.RegisteredBy)) return;
        var access = PersonDataAccess.Decide(actor, context.CommunityId, file.Person, file.Consents, category, Purpose.CareCoordination, context.Time.GetUtcNow());
        if (!access.Allowed) await DenyAsync(actor, file.Person.Id, access.Reason, ct);
    }

    /// <summary>Like <see cref="WritableAsync"/>, for changes only the record's custodian makes (consents, merges).</summary>
    public async Task<(Actor Actor, PersonFile? File)> CustodianAsync(PersonId id, CancellationToken ct)
    {
        var actor = await AuthorizeWriteAsync(Target(id), ct);
        if (await LoadAsync(id, ct) is not { } file) return (actor, null);
        if (actor.Kind != ActorKind.Operator && !PersonDataAccess.IsCustodian(actor, file.Person) && actor.PersonId != file.Person.Id)
            await DenyAsync(actor, id, "only the organization that holds the person's record records their consents and merges it", ct);
        return (actor, file);
    }

    /// <summary>
    /// Authorizes a change to a person's record: a person on their portal under their own
    /// permission (each change then checks the record is theirs), staff under the staff's.
    /// </summary>
    public async Task<Actor> AuthorizeWriteAsync(string target, CancellationToken ct)
    {
        var caller = await context.Caller.ActorAsync(ct);
        return await context.AuthorizeAsync(caller.Kind == ActorKind.Person ? Permission.OwnRecord : Permission.PersonWrite, target: target, ct: ct);
    }

    private async Task DenyAsync(Actor actor, PersonId id, string reason, CancellationToken ct)
    {
        await context.RecordAsync(actor, "people.write", "denied: " + reason, target: Target(id), ct: ct);
        throw new AccessDeniedException(actor, Permission.PersonWrite, new AccessDecision(false, reason));
    }

    public IReadOnlyDictionary<DataCategory, PersonAccess> Decide(Actor actor, PersonFile file, IEnumerable<DataCategory> wanted, Purpose purpose, string? breakGlassReason = null) =>
        PersonDataAccess.DecideEach(actor, context.CommunityId, file.Person, file.Consents, wanted, purpose, context.Time.GetUtcNow(), breakGlassReason);

    /// <summary>Appends one disclosure per consent or rule that allowed what is shown, and the audit event of the read.</summary>
    public async Task DiscloseAsync(AuditTrail audit, Actor actor, PersonFile file, string channel, IReadOnlyDictionary<DataCategory, PersonAccess> access, Purpose purpose, CancellationToken ct)
    {
        // A person reading their own record discloses it to no one: the read is audited, not logged for them to see.
        if (actor.PersonId == file.Person.Id)
        {
            audit.Record(actor, "people.self.read", channel, target: Target(file.Person.Id));
            return;
        }

        var now = context.Time.GetUtcNow();
        var disclosures = new List<Disclosure>();
        foreach (var grant in access.Where(a => a.Value.Allowed).GroupBy(a => a.Value))
        {
            var organization = OrganizationOf(actor, file.Person, grant.Key.Consent is { } consent ? file.Consents.Single(c => c.Id == consent) : null);
            disclosures.Add(new Disclosure(file.Person.Id, now, actor.Id, organization, channel, [.. grant.Select(g => g.Key).Order()], purpose, grant.Key.Consent, grant.Key.Reason, grant.Key.BrokeTheGlass));
            if (grant.Key.BrokeTheGlass) audit.Record(actor, "people.break-glass", grant.Key.Reason, organization, Target(file.Person.Id));
        }

        await people.AddDisclosuresAsync(context.CommunityId, disclosures, ct);

        audit.Record(actor, "people.read", channel + ": " + string.Join(',', access.Where(a => a.Value.Allowed).Select(a => PeopleStore.Name(a.Key)).Order()), target: Target(file.Person.Id));
    }

    /// <summary>
    /// The disclosures of people listed by name and date of birth (a search result, a likely
    /// duplicate): one row per person for their log, saved together, and one audit event naming them all.
    /// </summary>
    public async Task DiscloseListedAsync(AuditTrail audit, Actor actor, IReadOnlyList<(Person Person, PersonAccess Access)> listed, IReadOnlyList<PersonConsent> consents, string channel, CancellationToken ct)
    {
        if (listed.Count == 0) return;
        var now = context.Time.GetUtcNow();
        await people.AddDisclosuresAsync(context.CommunityId, [.. listed.Select(l => new Disclosure(
            l.Person.Id, now, actor.Id, OrganizationOf(actor, l.Person, l.Access.Consent is { } c ? consents.Single(x => x.Id == c) : null), channel,
            [DataCategory.Demographics], Purpose.CareCoordination, l.Access.Consent, l.Access.Reason, l.Access.BrokeTheGlass))], ct);
        audit.Record(actor, "people.read", $"{channel}: demographics of " + string.Join(',', listed.Select(l => l.Person.Id.Value)));
    }

    /// <summary>The organization a read is on behalf of: the consent's grantee, else the record's holder when the reader works there, else the reader's first.</summary>
    private static OrganizationId? OrganizationOf(Actor actor, Person person, PersonConsent? consent) =>
        consent?.Grantee is { Kind: GranteeKind.Organization, Value: var org } ? new OrganizationId(org!)
        : actor.Memberships.Select(m => m.OrganizationId).Cast<OrganizationId?>().FirstOrDefault(o => o == person.RegisteredBy) ?? actor.Memberships.FirstOrDefault()?.OrganizationId;

    public static string Target(PersonId id) => "person:" + id;
}
