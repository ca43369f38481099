namespace Braid.Core.Access;

/// <summary>A staff member's role in one organization.</summary>
public sealed record Membership(OrganizationId OrganizationId, string Role);

/// <summary>
/// Who is asking: a signed-in staff member (with memberships in one community), an API client
/// (of one organization, with scopes), a person signed in to their own portal, an operator at the
/// command line, or nobody.
/// </summary>
public sealed record Actor(string Id, ActorKind Kind, CommunityId? CommunityId, IReadOnlyList<Membership> Memberships, IReadOnlyList<string> Scopes)
{
    public static readonly Actor Anonymous = new("anonymous", ActorKind.Anonymous, null, [], []);

    private const string UserPrefix = "user:";

    public static Actor User(string userId, CommunityId communityId, IReadOnlyList<Membership> memberships) =>
        new(UserPrefix + userId, ActorKind.User, communityId, memberships, []);

    /// <summary>The staff member's user id in an actor id a record kept (an audit event, a disclosure); null when the actor was no staff member.</summary>
    public static string? UserIdOf(string actorId) => actorId.StartsWith(UserPrefix, StringComparison.Ordinal) ? actorId[UserPrefix.Length..] : null;

    public static Actor Client(string clientId, CommunityId communityId, OrganizationId organizationId, IReadOnlyList<string> scopes) =>
        new("client:" + clientId, ActorKind.Client, communityId, [new Membership(organizationId, "client")], scopes);

    private const string PersonPrefix = "person:";

    /// <summary>A person signed in to their own portal (they proved they hold the record's contact).</summary>
    public static Actor Person(PersonId personId, CommunityId communityId) => new(PersonPrefix + personId, ActorKind.Person, communityId, [], []);

    /// <summary>The person a portal actor is; null for anyone else.</summary>
    public PersonId? PersonId => Kind == ActorKind.Person ? new PersonId(Id[PersonPrefix.Length..]) : null;

    /// <summary>Someone running <c>braid</c> on the server: they hold the database credentials, so they may do anything in the community they name.</summary>
    public static Actor Operator(string userName, CommunityId communityId) => new("cli:" + userName, ActorKind.Operator, communityId, [], []);

    public bool HasRole(string role, OrganizationId? organizationId = null) =>
        Memberships.Any(m => m.Role == role && (organizationId is null || m.OrganizationId == organizationId));
}

public enum ActorKind { Anonymous, User, Client, Operator, Person }

/// <summary>Everything Braid lets someone do; each endpoint declares one.</summary>
public enum Permission
{
    /// <summary>Read the public service directory.</summary>
    DirectoryRead,
    /// <summary>Edit the listings (services, locations, hours) of an organization, or confirm them still accurate.</summary>
    DirectoryEdit,
    /// <summary>Ask to take over an organization's listing.</summary>
    DirectoryClaim,
    /// <summary>Approve or refuse listing claims.</summary>
    DirectoryClaimApprove,
    /// <summary>See which listings are overdue for verification.</summary>
    DirectoryFreshnessView,
    /// <summary>Register, rotate and revoke an organization's API clients.</summary>
    ClientsManage,
    /// <summary>Search the audit trail.</summary>
    AuditSearch,
    /// <summary>Run equity reports over de-identified outcomes.</summary>
    EquityReport,
    /// <summary>Import a whole directory (an HSDS export) or generate the demo community: the server's operator only.</summary>
    DirectoryImport,
    /// <summary>Import tract-level neighbourhood context (HOLC grades, life expectancy…) for the community.</summary>
    ContextImport,
    /// <summary>Find and read people's records; each person's consents then decide what is shown (<see cref="People.PersonDataAccess"/>).</summary>
    PersonRead,
    /// <summary>Register people, screen them, and record their needs, goals and consents.</summary>
    PersonWrite,
    /// <summary>See referrals; each referral is then shown only to the organizations on its two sides.</summary>
    ReferralRead,
    /// <summary>Send referrals, and work those sent to one's organization (accept, decline, contact, complete).</summary>
    ReferralWrite,
    /// <summary>A person's own record, through their portal: read it, and steer their needs, consents and referrals.</summary>
    OwnRecord,
    /// <summary>Keep one's own saved directory searches: any staff member of the community.</summary>
    SavedSearches,
    /// <summary>Create funding streams, authorize providers, allocate invoices and pay them: the intermediary's finance staff.</summary>
    FundingManage,
    /// <summary>Read a funding stream's report: its funder's own staff, and the intermediary.</summary>
    FundingReport,
    /// <summary>Bill an organization's delivered services to the intermediary, and see its invoices.</summary>
    InvoiceSubmit,
    /// <summary>See Value Curve assessments and action plans: an organization's administrators their own, analysts and community administrators the partnership's.</summary>
    ValueCurveRead,
    /// <summary>Assess one's own organization on the Value Curve and keep its action plans.</summary>
    ValueCurveAssess,
    /// <summary>Word the partnership's own Value Curve rubric.</summary>
    ValueCurveRubric,
    /// <summary>See the partnership's shared measures, their trends and equity views: analysts, community administrators and organizations' administrators.</summary>
    MeasureRead,
    /// <summary>Define shared measures and their targets: analysts and community administrators.</summary>
    MeasureManage,
    /// <summary>Read the partnership's members, charter, agreements, decisions and the community input behind them: any staff member of the community.</summary>
    GovernanceRead,
    /// <summary>Keep the partnership's governance (members, documents and their versions, community input, decisions): community administrators.</summary>
    GovernanceManage,
    /// <summary>Sign a charter or agreement for one's own member organization: its administrators.</summary>
    GovernanceSign,
    /// <summary>See the learning programs and their reports, and take part in one's own cohorts: any staff member of the community.</summary>
    LearningRead,
    /// <summary>Lead learning programs: create cohorts, add participants and sessions, record attendance, pair mentors: community administrators.</summary>
    LearningManage,
    /// <summary>Read a development instance's outbox, which stands in for the mail server and so holds everyone's reset links and codes: community administrators.</summary>
    OutboxRead,
}

/// <summary>An allow or deny, with the rule that decided it (for the audit trail and error messages).</summary>
public sealed record AccessDecision(bool Allowed, string Reason);

/// <summary>
/// The one place that decides who may do what. Nothing crosses communities; within a community,
/// organization-scoped permissions need a role in that very organization. Asked without an
/// organization (at the HTTP edge, before the resource is loaded), they need the role in some
/// organization; the handler asks again with the resource's own.
/// </summary>
public static class AccessPolicy
{
    public static AccessDecision Decide(Actor actor, Permission permission, CommunityId communityId, OrganizationId? organizationId = null)
    {
        if (permission == Permission.DirectoryRead)
        {
            // The directory is public; a client still needs the scope it was granted for reading.
            return actor.Kind == ActorKind.Client && !actor.Scopes.Contains(Scopes.DirectoryRead)
                ? Deny("the client lacks the directory.read scope")
                : Allow("the directory is public");
        }

        if (actor.Kind == ActorKind.Anonymous) return Deny("sign in first");
        if (actor.CommunityId != communityId) return Deny("not a member of this community");
        // A person's portal and the staff's tools do not mix: a person reaches only their own record, and staff reach it only through the staff's rules.
        if (actor.Kind == ActorKind.Person) return permission == Permission.OwnRecord ? Allow("the person themself") : Deny("a person signed in to their portal reaches their own record only");
        if (permission == Permission.OwnRecord) return Deny("only the person themself, signed in to their portal");
        if (actor.Kind == ActorKind.Operator) return Allow("operator of the server");

        return permission switch
        {
            Permission.DirectoryEdit when actor.Kind == ActorKind.Client =>
                actor.Scopes.Contains(Scopes.DirectoryWrite) && actor.HasRole("client", organizationId)
                    ? Allow("client of the owning organization with directory.write")
                    : Deny("a client may edit only its own organization's listings, with the directory.write scope"),
            Permission.DirectoryEdit or Permission.DirectoryClaim =>
                actor.HasRole(Roles.OrgAdmin, organizationId) || (permission == Permission.DirectoryEdit && actor.HasRole(Roles.CboStaff, organizationId))
                    ? Allow("staff of the owning organization")
                    : Deny("only the organization's own staff may change its listings"),
            Permission.ClientsManage =>
                actor.HasRole(Roles.OrgAdmin, organizationId)
                    ? Allow("administrator of the organization")
                    : Deny("only the organization's administrators manage its API clients"),
            Permission.DirectoryClaimApprove or Permission.DirectoryFreshnessView or Permission.AuditSearch or Permission.OutboxRead =>
                actor.HasRole(Roles.CommunityAdmin) ? Allow("community administrator") : Deny("community administrators only"),
            Permission.PersonRead when actor.Kind == ActorKind.Client =>
                actor.Scopes.Contains(Scopes.PersonRead) ? Allow("client with person.read") : Deny("the client lacks the person.read scope"),
            Permission.PersonWrite when actor.Kind == ActorKind.Client =>
                actor.Scopes.Contains(Scopes.ScreeningWrite) && actor.HasRole("client", organizationId)
                    ? Allow("client with screening.write")
                    : Deny("a client may write only for its own organization, with the screening.write scope"),
            Permission.ReferralRead when actor.Kind == ActorKind.Client =>
                actor.Scopes.Contains(Scopes.ReferralRead) ? Allow("client with referral.read") : Deny("the client lacks the referral.read scope"),
            Permission.ReferralWrite when actor.Kind == ActorKind.Client =>
                actor.Scopes.Contains(Scopes.ReferralWrite) && actor.HasRole("client", organizationId)
                    ? Allow("client with referral.write")
                    : Deny("a client may send and work referrals only for its own organization, with the referral.write scope"),
            Permission.PersonRead or Permission.PersonWrite or Permission.ReferralRead or Permission.ReferralWrite =>
                actor.HasRole(Roles.Navigator, organizationId) || actor.HasRole(Roles.CboStaff, organizationId) || actor.HasRole(Roles.OrgAdmin, organizationId)
                    ? Allow("staff who serve people")
                    : Deny("navigators, CBO staff and organization administrators only"),
            Permission.SavedSearches =>
                actor.Kind == ActorKind.User && actor.Memberships.Count > 0 ? Allow("a staff member's own searches") : Deny("staff members of this community only"),
            Permission.FundingManage =>
                actor.HasRole(Roles.Finance) ? Allow("the intermediary's finance staff") : Deny("the intermediary's finance staff only"),
            Permission.FundingReport =>
                actor.HasRole(Roles.Finance) || actor.HasRole(Roles.Funder, organizationId) ? Allow("the stream's funder or the intermediary") : Deny("only the stream's funder and the intermediary's finance staff"),
            Permission.InvoiceSubmit when actor.Kind == ActorKind.User =>
                actor.HasRole(Roles.OrgAdmin, organizationId) || actor.HasRole(Roles.CboStaff, organizationId) ? Allow("staff of the provider") : Deny("only the provider's own staff bill its services"),
            Permission.ValueCurveRead when actor.Kind == ActorKind.User =>
                actor.HasRole(Roles.Analyst) || actor.HasRole(Roles.CommunityAdmin) || actor.HasRole(Roles.OrgAdmin, organizationId)
                    ? Allow("the partnership's analysts, or the organization's administrators") : Deny("analysts, community administrators and the organization's own administrators only"),
            Permission.ValueCurveAssess when actor.Kind == ActorKind.User =>
                actor.HasRole(Roles.OrgAdmin, organizationId) ? Allow("administrator of the organization") : Deny("only the organization's administrators assess it"),
            Permission.GovernanceRead or Permission.LearningRead =>
                actor.Kind == ActorKind.User && actor.Memberships.Count > 0 ? Allow("a staff member of the partnership's community") : Deny("staff members of this community only"),
            Permission.GovernanceSign when actor.Kind == ActorKind.User =>
                actor.HasRole(Roles.OrgAdmin, organizationId) ? Allow("administrator of the member organization") : Deny("only the organization's administrators sign for it"),
            Permission.ValueCurveRubric or Permission.GovernanceManage or Permission.LearningManage =>
                actor.HasRole(Roles.CommunityAdmin) ? Allow("community administrator") : Deny("community administrators only"),
            Permission.MeasureRead when actor.Kind == ActorKind.User =>
                actor.HasRole(Roles.Analyst) || actor.HasRole(Roles.CommunityAdmin) || actor.HasRole(Roles.OrgAdmin)
                    ? Allow("the partnership's analysts and its members' administrators") : Deny("analysts, community administrators and organizations' administrators only"),
            Permission.EquityReport or Permission.ContextImport or Permission.MeasureManage =>
                actor.HasRole(Roles.Analyst) || actor.HasRole(Roles.CommunityAdmin) ? Allow("analyst") : Deny("analysts and community administrators only"),
            _ => Deny("no rule allows it"),
        };
    }

    /// <summary>The actor's organizations in which they hold the permission.</summary>
    public static IReadOnlyList<OrganizationId> OrganizationsAllowed(Actor actor, Permission permission, CommunityId communityId) =>
        [.. actor.Memberships.Select(m => m.OrganizationId).Distinct().Where(o => Decide(actor, permission, communityId, o).Allowed)];

    private static AccessDecision Allow(string reason) => new(true, reason);

    private static AccessDecision Deny(string reason) => new(false, reason);
}
