using Braid.Core.Access;

namespace Braid.Core.People;

/// <summary>A decision on one category of one person's data, with the rule or consent that made it (for the disclosure log).</summary>
public sealed record PersonAccess(bool Allowed, string Reason, ConsentId? Consent = null, bool BrokeTheGlass = false);

/// <summary>
/// The one decision every read of a person's data goes through. Staff of the organization that
/// registered the person hold the record for their care, and so do its systems (API clients with
/// person.read). Anyone else needs an active consent that
/// covers them, the category and the purpose; analytics never reads a person without one (it works
/// on de-identified aggregates). In an emergency a navigator or CBO staff member may break the glass
/// with a reason; that access is allowed, flagged and audited. A person signed in to their portal
/// sees all of their own record and nobody else's.
/// </summary>
public static class PersonDataAccess
{
    public static PersonAccess Decide(
        Actor actor, CommunityId community, Person person, IReadOnlyList<PersonConsent> consents, DataCategory category, Purpose purpose,
        DateTimeOffset now, string? breakGlassReason = null)
    {
        if (actor.CommunityId != community) return Deny("not a member of this community");
        if (actor.Kind == ActorKind.Operator) return new(true, "operator of the server");
        if (actor.Kind == ActorKind.Person) return actor.PersonId == person.Id ? new(true, "the person themself") : Deny("a person sees only their own record");
        if (actor.Kind == ActorKind.Client && !actor.Scopes.Contains(Scopes.PersonRead)) return Deny("the client lacks the person.read scope");
        if (actor.Kind is not (ActorKind.User or ActorKind.Client)) return Deny("sign in first");

        if (purpose == Purpose.CareCoordination && IsCustodian(actor, person))
            return new(true, "staff of the organization that holds the record");
        if (purpose == Purpose.CareCoordination && actor.Kind == ActorKind.Client && actor.Memberships.Any(m => m.OrganizationId == person.RegisteredBy))
            return new(true, "system of the organization that holds the record");

        var consent = consents.FirstOrDefault(c => c.Person == person.Id && c.ActiveAt(now) && c.Grantee.Covers(actor) && c.Categories.Contains(category) && c.Purposes.Contains(purpose));
        if (consent is not null) return new(true, "the person's consent", consent.Id);

        if (!string.IsNullOrWhiteSpace(breakGlassReason) && purpose == Purpose.CareCoordination && actor.Kind == ActorKind.User
            && (actor.HasRole(Roles.Navigator) || actor.HasRole(Roles.CboStaff)))
            return new(true, "emergency access: " + breakGlassReason.Trim(), BrokeTheGlass: true);

        return Deny(PersonConsent.IsSensitive(category) ? "no consent names this sensitive category" : "no consent covers this organization, category and purpose");
    }

    /// <summary>A navigator or administrator of the organization that registered the person: they hold the record for the person's care.</summary>
    public static bool IsCustodian(Actor actor, Person person) =>
        actor.Kind == ActorKind.User && actor.Memberships.Any(m => m.OrganizationId == person.RegisteredBy && m.Role is Roles.Navigator or Roles.OrgAdmin);

    /// <summary>The categories of <paramref name="wanted"/> the actor may see, each decided on its own.</summary>
    public static IReadOnlyDictionary<DataCategory, PersonAccess> DecideEach(
        Actor actor, CommunityId community, Person person, IReadOnlyList<PersonConsent> consents, IEnumerable<DataCategory> wanted, Purpose purpose,
        DateTimeOffset now, string? breakGlassReason = null) =>
        wanted.Distinct().ToDictionary(c => c, c => Decide(actor, community, person, consents, c, purpose, now, breakGlassReason));

    private static PersonAccess Deny(string reason) => new(false, reason);
}
