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
    /// <summary>A direct referral of a person for a new food need, from the demo navigator's organization to the demo CBO, accepted when asked.</summary>
    public static async Task<string> SendAsync(BraidApp app, string person, bool accepted = false)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var navigator = await db.Memberships.SingleAsync(m => m.Role == Roles.Navigator);
        var cbo = await db.Memberships.FirstAsync(m => m.Role == Roles.CboStaff);
        var now = DateTimeOffset.UtcNow;
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
