using System.Net;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Access;
using Braid.Data.Directory;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Listings;

public sealed class ListingOwnershipTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task An_organization_edits_its_listings_only_after_a_community_admin_approves_its_claim(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        _ = app.CreateClient();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var navigatorOrg = db.Memberships.Single(m => m.Role == Roles.Navigator).OrganizationId;
        var email = await AddOrgAdminAsync(app, navigatorOrg);
        var sal = await DemoListings.OfAsync(db, navigatorOrg);

        var admin = await SignInTests.SignedInClientAsync(app, email);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync($"/manage/listings/{sal}")).StatusCode); // to "access denied": not claimed yet
        var manage = await admin.GetStringAsync("/manage");
        Assert.Contains("must claim its listings", manage);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/manage?handler=Claim", SignInTests.Form(SignInTests.Token(manage), ("organizationId", navigatorOrg)))).StatusCode);
        Assert.Contains("waiting for a community administrator", await admin.GetStringAsync("/manage"));

        var communityAdmin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var claims = await communityAdmin.GetStringAsync("/manage/claims");
        Assert.Contains(navigatorOrg, claims);
        Assert.Equal(HttpStatusCode.Redirect, (await communityAdmin.PostAsync("/manage/claims",
            SignInTests.Form(SignInTests.Token(claims), ("organizationId", navigatorOrg), ("decision", "Approve")))).StatusCode);

        var editor = await admin.GetAsync($"/manage/listings/{sal}");
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        var history = await admin.GetStringAsync($"/manage/listings/{sal}/history");
        Assert.Contains("No changes recorded yet.", history);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_freshness_view_lists_overdue_listings_and_reminds_their_organizations(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        // Overdue is counted in the community's own calendar (Baltimore), as the freshness page counts it.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        var cutoff = today.AddDays(-180).ToString("yyyy-MM-dd");
        var overdue = (await new DirectoryStore(db).LoadAsync("demo")).All<Service>().Where(s => string.CompareOrdinal(s.AssuredDate, cutoff) < 0).ToList();
        Assert.NotEmpty(overdue); // the demo's verification dates span the last 400 days

        var page = await admin.GetStringAsync("/manage/freshness");
        Assert.Contains(overdue[0].Name!, page);
        var response = await admin.PostAsync("/manage/freshness", SignInTests.Form(SignInTests.Token(page)));
        var text = await response.Content.ReadAsStringAsync();
        var cboOrg = db.Memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
        var expectedAdmins = overdue.Any(s => s.OrganizationId == cboOrg) ? 1 : 0;
        Assert.Contains($"Reminders sent to {expectedAdmins} administrators", text);

        var outbox = app.Services.GetRequiredService<OutboxEmailSender>().Messages();
        Assert.Equal(expectedAdmins, outbox.Count(m => m.Text.Contains("To: " + DemoAccounts.Email(Roles.OrgAdmin), StringComparison.Ordinal)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Each_reminder_is_worded_in_the_language_its_reader_last_signed_in_with(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }); // starts the app: migrated and seeded
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var cutoff = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-200).ToString("yyyy-MM-dd");
        var organization = (await new DirectoryStore(db).LoadAsync("demo")).All<Service>().First(s => string.CompareOrdinal(s.AssuredDate, cutoff) < 0).OrganizationId!;
        var spanish = await AddOrgAdminAsync(app, organization, "es-admin@example.org");
        var english = await AddOrgAdminAsync(app, organization, "en-admin@example.org");
        var unknown = await AddOrgAdminAsync(app, organization, "new-admin@example.org");
        var signIn = await client.GetStringAsync("/account/sign-in?lang=es");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/account/sign-in?lang=es",
            SignInTests.Form(SignInTests.Token(signIn), ("email", spanish), ("password", BraidApp.DemoPassword)))).StatusCode);
        await SignInTests.SignedInClientAsync(app, english);

        // A community administrator working in Spanish sends them.
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var page = await admin.GetStringAsync("/manage/freshness?lang=es");
        await admin.PostAsync("/manage/freshness?lang=es", SignInTests.Form(SignInTests.Token(page)));

        var outbox = app.Services.GetRequiredService<OutboxEmailSender>().Messages();
        string Subject(string to) => outbox.Single(m => m.Text.StartsWith("To: " + to + "\n", StringComparison.Ordinal)).Text.Split('\n')[1];
        Assert.EndsWith("servicios de Braid necesitan su revisión", Subject(spanish));
        Assert.EndsWith("Braid listings need your check", Subject(english));
        Assert.EndsWith("servicios de Braid necesitan su revisión", Subject(unknown)); // never signed in: the sender's language
    }

    private static async Task<string> AddOrgAdminAsync(BraidApp app, string organizationId, string email = "clinic-admin@example.org")
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BraidUser>>();
        var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
        var user = new BraidUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Organization admin" };
        Assert.True((await users.CreateAsync(user, BraidApp.DemoPassword)).Succeeded);
        db.Memberships.Add(new MembershipRow { CommunityId = "demo", UserId = user.Id, OrganizationId = organizationId, Role = Roles.OrgAdmin, CreatedAt = DateTimeOffset.Parse("2026-11-22", System.Globalization.CultureInfo.InvariantCulture) });
        await db.SaveChangesAsync();
        return user.Email;
    }
}
