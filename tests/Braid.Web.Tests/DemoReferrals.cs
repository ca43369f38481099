using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data;
using Braid.Data.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests;

/// <summary>Referrals between the demo community's organizations, made straight in the store for tests that look at them.</summary>
public static class DemoReferrals
{
    /// <summary>
    /// A person of the demo navigator's organization with a new accepted food need, who consented
    /// to share who they are, how to reach them and that need with the demo CBO.
    /// </summary>
    public static async Task<(string Person, string Need, string Navigators, string Cbo)> ReferrableAsync(string connectionString)
    {
        await using var db = DatabaseOptions.CreateContext(connectionString);
        var navigators = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
        var person = await db.People.Where(p => p.RegisteredBy == navigators && p.MergedInto == null).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var cbo = await db.Memberships.Where(m => m.Role == Roles.CboStaff).Select(m => m.OrganizationId).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var need = new Need { Id = Guid.NewGuid().ToString(), Person = new PersonId(person), Category = "food-insecurity", RecordedAt = now }.Accept();
        var store = new Data.People.PeopleStore(db);
        await store.SaveNeedsAsync(new CommunityId("demo"), [need]);
        await store.AddConsentAsync(new CommunityId("demo"), new PersonConsent
        {
            Id = new ConsentId(Guid.NewGuid().ToString()), Person = need.Person, Grantee = Grantee.Organization(new OrganizationId(cbo)),
            Categories = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity },
            Purposes = new HashSet<Purpose> { Purpose.CareCoordination }, Start = now.AddDays(-1), Method = ConsentMethod.InPerson, Language = "en", RecordedBy = "test",
        }, now);
        return (person, need.Id, navigators, cbo);
    }

    /// <summary>Gives the person an email address and a phone, the channel they prefer and their language.</summary>
    public static async Task ReachableAsync(string connectionString, string person, ContactChannel channel, string language)
    {
        await using var db = DatabaseOptions.CreateContext(connectionString);
        var store = new Data.People.PeopleStore(db);
        var (found, _) = (await store.FindAsync(new CommunityId("demo"), new PersonId(person)))!.Value;
        await store.UpdateAsync(new CommunityId("demo"), found with { Email = "persona@example.org", Phone = "410-555-0188", PreferredChannel = channel, Language = language }, DateTimeOffset.UtcNow);
    }

    /// <summary>A direct referral of a person for a new food need, from the demo navigator's organization to the demo CBO, accepted when asked.</summary>
    public static async Task<string> SendAsync(BraidApp app, string person, bool accepted = false, DateTimeOffset? sentAt = null)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var navigator = await db.Memberships.SingleAsync(m => m.Role == Roles.Navigator);
        var cbo = await db.Memberships.FirstAsync(m => m.Role == Roles.CboStaff);
        var now = sentAt ?? DateTimeOffset.UtcNow;
        var need = new Need { Id = Guid.NewGuid().ToString(), Person = new PersonId(person), Category = "food-insecurity", RecordedAt = now }.Accept();
        await new Data.People.PeopleStore(db).SaveNeedsAsync(new CommunityId("demo"), [need]);
        var referral = Referral.Send(new ReferralId(Guid.NewGuid().ToString()), new ReferralDetails
        {
            Person = need.Person, Need = need.Id, NeedCategory = need.Category, Kind = ReferralKind.Direct, From = new OrganizationId(navigator.OrganizationId),
            To = new OrganizationId(cbo.OrganizationId), ServiceName = "Groceries", Shared = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.FoodInsecurity },
        }, new Stamp("user:" + navigator.UserId, new OrganizationId(navigator.OrganizationId), now, "page"));
        if (accepted) referral.Move(ReferralStatus.Accepted, ReferralParty.Target, new Stamp("user:" + cbo.UserId, new OrganizationId(cbo.OrganizationId), now.AddMinutes(5), "page"));
        await new ReferralStore(db).AddAsync(new CommunityId("demo"), referral);
        return referral.Id.Value;
    }
}
