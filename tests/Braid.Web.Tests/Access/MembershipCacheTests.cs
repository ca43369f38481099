using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Access;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

/// <summary>Memberships are read once per sign-in; a change is seen after it is announced, or at the next sign-in.</summary>
public sealed class MembershipCacheTests
{
    [Fact]
    public async Task A_new_membership_shows_after_invalidation_or_a_new_sign_in_and_not_before()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var email = DemoAccounts.Email(Roles.Navigator);
        var first = await SignInTests.SignedInClientAsync(app, email);
        string userId;
        List<Organization> others;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var own = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.OrganizationId).ToListAsync();
            others = await db.Set<Organization>().AsNoTracking().Where(o => o.CommunityId == "demo" && !own.Contains(o.Id)).OrderBy(o => o.Id).Take(2).ToListAsync();
        }

        string[] names = [.. others.Select(o => System.Net.WebUtility.HtmlEncode(o.Name!))];
        Assert.DoesNotContain(names[0], await first.GetStringAsync("/manage"));
        await AddMembershipAsync(app, userId, others[0].Id);
        Assert.DoesNotContain(names[0], await first.GetStringAsync("/manage")); // read at sign-in, not per request

        app.Services.GetRequiredService<MembershipCache>().Invalidate(userId);
        Assert.Contains(names[0], await first.GetStringAsync("/manage"));

        await AddMembershipAsync(app, userId, others[1].Id);
        var second = await SignInTests.SignedInClientAsync(app, email);
        Assert.Contains(names[1], await second.GetStringAsync("/manage"));
        Assert.DoesNotContain(names[1], await first.GetStringAsync("/manage"));
    }

    private static async Task AddMembershipAsync(BraidApp app, string userId, string organizationId)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        db.Memberships.Add(new MembershipRow { CommunityId = "demo", UserId = userId, OrganizationId = organizationId, Role = Roles.CboStaff, CreatedAt = DateTimeOffset.Parse("2026-12-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) });
        await db.SaveChangesAsync();
    }
}
