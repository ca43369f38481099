using System.Net;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data;
using Braid.Data.Access;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Listings;

/// <summary>The manage and listing pages cost a fixed number of SQL commands, however many organizations or records they show (no N+1).</summary>
public sealed class RoundTripTests
{
    [Fact]
    public async Task The_manage_page_sends_as_many_commands_for_five_organizations_as_for_one()
    {
        await using var app = await QuietAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.PostSignInAsync(client, DemoAccounts.Email(Roles.OrgAdmin), BraidApp.DemoPassword)).StatusCode);
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var admin = db.Memberships.Single(m => m.Role == Roles.OrgAdmin);
        using var commands = new SqlCommands(app.ConnectionString);

        var one = await PageAsync(client, commands, "/manage");

        // Four more organizations, claims approved, each with its own listings.
        var others = (await new HsdsReader(db).WhereInAsync("demo", HsdsModel.Table<Service>(), "organization_id",
                (await new HsdsReader(db).PageAsync("demo", new HsdsListQuery(HsdsModel.Table<Organization>()), 1, 50)).Ids))
            .Cast<Service>().Select(s => s.OrganizationId!).Where(o => o != admin.OrganizationId).Distinct().Take(4).ToList();
        Assert.Equal(4, others.Count);
        var store = new ListingStore(db, TimeProvider.System);
        foreach (var organization in others)
        {
            db.Memberships.Add(new MembershipRow { CommunityId = "demo", UserId = admin.UserId, OrganizationId = organization, Role = Roles.OrgAdmin, CreatedAt = DateTimeOffset.Parse("2026-12-01", System.Globalization.CultureInfo.InvariantCulture) });
            var claim = ListingClaim.Request(new OrganizationId(organization), "test", DateTimeOffset.UtcNow);
            claim.Approve("test", DateTimeOffset.UtcNow);
            await store.SaveClaimAsync("demo", claim);
        }

        await db.SaveChangesAsync();
        app.Services.GetRequiredService<MembershipCache>().Invalidate(admin.UserId); // as whatever changes memberships does
        var five = await PageAsync(client, commands, "/manage");

        Assert.True(one.Commands.Count == five.Commands.Count, $"one organization: {one.Commands.Count} commands; five: {five.Commands.Count}\n{string.Join("\n", five.Commands)}");
        Assert.True(five.Html.Split("class=\"org-listings\"").Length - 1 == 5, "the page shows five organizations");
    }

    [Fact]
    public async Task The_listing_page_sends_the_same_commands_for_a_small_and_a_large_listing()
    {
        await using var app = await QuietAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.PostSignInAsync(client, DemoAccounts.Email(Roles.OrgAdmin), BraidApp.DemoPassword)).StatusCode);
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var organization = db.Memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
        var reader = new HsdsReader(db);
        var services = (await reader.WhereInAsync("demo", HsdsModel.Table<Service>(), "organization_id", [organization])).Select(s => s.Id).ToList();
        var sals = (await reader.WhereInAsync("demo", HsdsModel.Table<ServiceAtLocation>(), "service_id", services)).Cast<ServiceAtLocation>().ToList();
        var store = new ListingStore(db, TimeProvider.System);
        var listings = new List<(string Id, int Records)>();
        foreach (var sal in sals)
        {
            var l = (await store.LoadAsync("demo", sal.Id))!;
            listings.Add((sal.Id, l.Schedules.Count + l.Languages.Count + (l.Address is null ? 0 : 1)));
        }

        var (small, large) = (listings.MinBy(l => l.Records), listings.MaxBy(l => l.Records));
        Assert.True(large.Records > small.Records, "the demo organization's listings differ in size");
        using var commands = new SqlCommands(app.ConnectionString);
        await PageAsync(client, commands, "/manage"); // the sign-in's memberships are read once, here

        var a = await PageAsync(client, commands, "/manage/listings/" + small.Id);
        var b = await PageAsync(client, commands, "/manage/listings/" + large.Id);

        Assert.Equal(a.Commands.Count, b.Commands.Count);
        Assert.True(a.Commands.Count <= 6, $"{a.Commands.Count} commands:\n{string.Join("\n", a.Commands)}");
    }

    // Background jobs (the outbox's poll, the reminders) would land their commands in the count.
    private static async Task<BraidApp> QuietAsync() => new(await TestDatabases.CreateEmptyAsync(TestDatabases.Postgres),
        settings: new Dictionary<string, string> { ["Braid:OutboxDispatch"] = "false", ["Braid:ReminderMinutes"] = "0" });

    private static async Task<(string Html, List<string> Commands)> PageAsync(HttpClient client, SqlCommands commands, string path)
    {
        commands.Take();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(), commands.Take());
    }
}
