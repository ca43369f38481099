using Braid.Core.Access;
using Braid.Core.People;

namespace Braid.Core.Referrals;

/// <summary>
/// What a referral may share: each category of the person's data is shared with the receiving
/// organization only under a consent that covers that organization, the category and care
/// coordination. An organization outside Braid is covered only by a consent to the whole network.
/// </summary>
public static class ReferralConsent
{
    /// <summary>The decision for each category the referral would share, as if the recipient's staff asked.</summary>
    public static IReadOnlyDictionary<DataCategory, PersonAccess> Decide(
        CommunityId community, Person person, IReadOnlyList<PersonConsent> consents, OrganizationId? recipient, IEnumerable<DataCategory> shared, DateTimeOffset now)
    {
        var staff = Actor.User("referral-recipient", community, recipient is { } org ? [new Membership(org, Roles.CboStaff)] : []);
        return PersonDataAccess.DecideEach(staff, community, person, consents, shared, Purpose.CareCoordination, now);
    }

    /// <summary>What a referral for a need shares unless the sender says otherwise: who the person is, how to reach them, and the need's own category.</summary>
    public static IReadOnlySet<DataCategory> DefaultShared(Need need) =>
        new SortedSet<DataCategory> { DataCategory.Demographics, DataCategory.Contact, NeedCategories.Of(need.Category) };
}
