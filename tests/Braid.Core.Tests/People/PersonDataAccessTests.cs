using Braid.Core.Access;
using Braid.Core.People;

namespace Braid.Core.Tests.People;

/// <summary>Consent as a dimension of the authorization matrix: person × grantee × category × purpose, and time.</summary>
public sealed class PersonDataAccessTests
{
    private static readonly CommunityId Community = new("baltimore");
    private static readonly OrganizationId Clinic = new("clinic"), Pantry = new("pantry"), Shelter = new("shelter");
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly Person Ana = new() { Id = new PersonId("ana"), RegisteredBy = Clinic, GivenName = "Ana", FamilyName = "Ruiz" };

    private static Actor Staff(OrganizationId org, string role) => Actor.User(role + "@" + org, Community, [new Membership(org, role)]);

    private static PersonConsent Consent(Grantee grantee, DataCategory[] categories, Purpose[] purposes, DateTimeOffset? end = null, DateTimeOffset? revoked = null) => new()
    {
        Id = new ConsentId("c-" + grantee.Kind + grantee.Value), Person = Ana.Id, Grantee = grantee, Categories = categories.ToHashSet(), Purposes = purposes.ToHashSet(),
        Start = Now.AddDays(-1), End = end, RevokedAt = revoked, Method = ConsentMethod.InPerson, Language = "es", RecordedBy = "user:navigator",
    };

    [Fact]
    public void A_consent_to_one_organization_for_two_categories_opens_exactly_those_to_it_and_nothing_to_anyone_else()
    {
        var consents = new[] { Consent(Grantee.Organization(Pantry), [DataCategory.Contact, DataCategory.FoodInsecurity], [Purpose.CareCoordination]) };
        var actors = new[]
        {
            Staff(Pantry, Roles.CboStaff), Staff(Pantry, Roles.OrgAdmin), Staff(Shelter, Roles.CboStaff), Staff(Shelter, Roles.Navigator), Staff(Clinic, Roles.CboStaff),
            Staff(Clinic, Roles.Analyst), Actor.Client("pantry-app", Community, Pantry, [Scopes.PersonRead]), Actor.Client("pantry-app", Community, Pantry, [Scopes.DirectoryRead]),
            Actor.User("other", new CommunityId("elsewhere"), [new Membership(Pantry, Roles.CboStaff)]), Actor.Anonymous,
        };
        var leaks = new List<string>();
        foreach (var actor in actors)
            foreach (var category in Enum.GetValues<DataCategory>())
                foreach (var purpose in Enum.GetValues<Purpose>())
                {
                    var expected = actor.CommunityId == Community && actor.Memberships.Any(m => m.OrganizationId == Pantry)
                        && (actor.Kind == ActorKind.User || actor.Scopes.Contains(Scopes.PersonRead))
                        && category is DataCategory.Contact or DataCategory.FoodInsecurity && purpose == Purpose.CareCoordination;
                    var decision = PersonDataAccess.Decide(actor, Community, Ana, consents, category, purpose, Now);
                    if (decision.Allowed != expected) leaks.Add($"{actor.Id} {category} {purpose}: {decision.Allowed} ({decision.Reason})");
                    if (decision.Allowed && actor.Memberships.All(m => m.OrganizationId != Clinic)) Assert.Equal(consents[0].Id, decision.Consent);
                }

        Assert.Empty(leaks);
    }

    [Fact]
    public void The_holding_organizations_own_systems_read_for_care_coordination_with_person_read_only()
    {
        var ehr = Actor.Client("clinic-ehr", Community, Clinic, [Scopes.PersonRead]);
        Assert.All(Enum.GetValues<DataCategory>(), c => Assert.True(PersonDataAccess.Decide(ehr, Community, Ana, [], c, Purpose.CareCoordination, Now).Allowed));
        Assert.False(PersonDataAccess.Decide(ehr, Community, Ana, [], DataCategory.Demographics, Purpose.Analytics, Now).Allowed);
        Assert.False(PersonDataAccess.Decide(ehr with { Scopes = [Scopes.DirectoryRead] }, Community, Ana, [], DataCategory.Demographics, Purpose.CareCoordination, Now).Allowed);
        Assert.False(PersonDataAccess.Decide(ehr, Community, Ana, [], DataCategory.Demographics, Purpose.CareCoordination, Now, breakGlassReason: "urgent").BrokeTheGlass);
    }

    [Fact]
    public void Sensitive_categories_need_a_consent_that_names_them_even_for_the_whole_network()
    {
        var everything = Enum.GetValues<DataCategory>().Where(c => !PersonConsent.IsSensitive(c)).ToArray();
        var consents = new[] { Consent(Grantee.Network, everything, [Purpose.CareCoordination]) };

        foreach (var category in Enum.GetValues<DataCategory>())
            Assert.Equal(!PersonConsent.IsSensitive(category), PersonDataAccess.Decide(Staff(Shelter, Roles.CboStaff), Community, Ana, consents, category, Purpose.CareCoordination, Now).Allowed);
        Assert.Equal([DataCategory.InterpersonalSafety, DataCategory.SubstanceUse, DataCategory.Hiv, DataCategory.Immigration, DataCategory.Legal],
            Enum.GetValues<DataCategory>().Where(PersonConsent.IsSensitive));
    }

    [Fact]
    public void A_revoked_or_ended_consent_opens_nothing_from_that_moment_and_a_role_consent_covers_only_that_role()
    {
        var pantry = Staff(Pantry, Roles.CboStaff);
        var revoked = Consent(Grantee.Organization(Pantry), [DataCategory.Contact], [Purpose.CareCoordination], revoked: Now);
        var ended = Consent(Grantee.Organization(Pantry), [DataCategory.Contact], [Purpose.CareCoordination], end: Now);
        Assert.True(PersonDataAccess.Decide(pantry, Community, Ana, [revoked], DataCategory.Contact, Purpose.CareCoordination, Now.AddSeconds(-1)).Allowed);
        Assert.False(PersonDataAccess.Decide(pantry, Community, Ana, [revoked], DataCategory.Contact, Purpose.CareCoordination, Now).Allowed);
        Assert.False(PersonDataAccess.Decide(pantry, Community, Ana, [ended], DataCategory.Contact, Purpose.CareCoordination, Now).Allowed);

        var navigators = Consent(Grantee.Role(Roles.Navigator), [DataCategory.Contact], [Purpose.CareCoordination]);
        Assert.True(PersonDataAccess.Decide(Staff(Shelter, Roles.Navigator), Community, Ana, [navigators], DataCategory.Contact, Purpose.CareCoordination, Now).Allowed);
        Assert.False(PersonDataAccess.Decide(pantry, Community, Ana, [navigators], DataCategory.Contact, Purpose.CareCoordination, Now).Allowed);
    }

    [Fact]
    public void The_registering_organizations_navigators_hold_the_record_for_care_but_not_for_analytics()
    {
        var navigator = Staff(Clinic, Roles.Navigator);
        Assert.All(Enum.GetValues<DataCategory>(), c => Assert.True(PersonDataAccess.Decide(navigator, Community, Ana, [], c, Purpose.CareCoordination, Now).Allowed));
        Assert.False(PersonDataAccess.Decide(navigator, Community, Ana, [], DataCategory.Demographics, Purpose.Analytics, Now).Allowed);
        Assert.False(PersonDataAccess.Decide(Staff(Clinic, Roles.Analyst), Community, Ana, [], DataCategory.Demographics, Purpose.Analytics, Now).Allowed);
    }

    [Fact]
    public void Breaking_the_glass_needs_a_reason_and_a_care_role_and_is_flagged()
    {
        var shelter = Staff(Shelter, Roles.CboStaff);
        Assert.False(PersonDataAccess.Decide(shelter, Community, Ana, [], DataCategory.Contact, Purpose.CareCoordination, Now, breakGlassReason: " ").Allowed);
        Assert.False(PersonDataAccess.Decide(Staff(Shelter, Roles.Analyst), Community, Ana, [], DataCategory.Contact, Purpose.CareCoordination, Now, "found unconscious").Allowed);
        var emergency = PersonDataAccess.Decide(shelter, Community, Ana, [], DataCategory.Contact, Purpose.CareCoordination, Now, "found unconscious at the shelter");
        Assert.True(emergency.Allowed);
        Assert.True(emergency.BrokeTheGlass);
        Assert.Contains("found unconscious at the shelter", emergency.Reason);
    }

    [Theory]
    [InlineData("end", "consent-ends-before-start")]
    [InlineData("witness", "consent-verbal-witness")]
    [InlineData("categories", "consent-no-categories")]
    public void A_consent_that_cannot_be_is_refused_naming_the_field(string field, string key)
    {
        var consent = Consent(Grantee.Organization(Pantry), [DataCategory.Contact], [Purpose.CareCoordination]) with { Start = Now };
        consent = field switch
        {
            "end" => consent with { End = Now.AddDays(-1) },
            "witness" => consent with { Method = ConsentMethod.Verbal },
            _ => consent with { Categories = new HashSet<DataCategory>() },
        };

        Assert.Equal(key, PersonConsent.Validate(consent)[field].Key);
    }

    [Fact]
    public void A_person_on_their_portal_sees_all_of_their_own_record_and_nothing_of_anyone_else()
    {
        var luis = Ana with { Id = new PersonId("luis"), GivenName = "Luis" };
        foreach (var category in Enum.GetValues<DataCategory>())
        {
            Assert.True(PersonDataAccess.Decide(Actor.Person(Ana.Id, Community), Community, Ana, [], category, Purpose.CareCoordination, Now).Allowed);
            Assert.False(PersonDataAccess.Decide(Actor.Person(luis.Id, Community), Community, Ana, [], category, Purpose.CareCoordination, Now).Allowed);
            Assert.False(PersonDataAccess.Decide(Actor.Person(Ana.Id, new CommunityId("elsewhere")), Community, Ana, [], category, Purpose.CareCoordination, Now).Allowed);
        }
    }

    [Fact]
    public void Only_the_person_holds_own_record_access_and_the_person_holds_nothing_else()
    {
        var person = Actor.Person(Ana.Id, Community);
        foreach (var permission in Enum.GetValues<Permission>())
        {
            // The public directory stays public to everyone; every other permission is the staff's, and their own record the person's alone.
            var expected = permission is Permission.DirectoryRead or Permission.OwnRecord;
            Assert.True(expected == AccessPolicy.Decide(person, permission, Community).Allowed, permission.ToString());
        }

        foreach (var role in new[] { Roles.Navigator, Roles.CboStaff, Roles.OrgAdmin, Roles.CommunityAdmin, Roles.Analyst })
            Assert.False(AccessPolicy.Decide(Staff(Clinic, role), Permission.OwnRecord, Community).Allowed, role);
        Assert.False(AccessPolicy.Decide(Actor.Operator("root", Community), Permission.OwnRecord, Community).Allowed);
        Assert.False(AccessPolicy.Decide(Actor.Client("app", Community, Clinic, [Scopes.PersonRead]), Permission.OwnRecord, Community).Allowed);
        Assert.Equal(Ana.Id, person.PersonId);
        Assert.Null(Staff(Clinic, Roles.Navigator).PersonId);
    }
}
