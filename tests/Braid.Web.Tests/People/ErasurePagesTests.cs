using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Testing;
using Braid.Web.Tests.Access;
using static Braid.Web.Tests.People.PortalPagesTests;

namespace Braid.Web.Tests.People;

/// <summary>A person asks for their data to be deleted: they see what goes and what the community keeps, and why, before they confirm.</summary>
public sealed class ErasurePagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static string Row(string page, string part) =>
        WebUtility.HtmlDecode(Regex.Match(page, $"<tr id=\"part-{part}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value);

    [Theory, MemberData(nameof(Providers))]
    public async Task What_the_rules_keep_stays_until_its_time_and_everything_else_goes_once_the_person_confirms(string provider)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await BraidApp.StartAsync(provider, clock);
        var rosa = await SignedUpAsync(app, "rosa.erase@example.org");
        await StartScreeningAsync(rosa, "hunger-vital-sign");
        var food = await AddNeedAsync(rosa, "food-insecurity");
        await AddNeedAsync(rosa, "housing-instability");
        var services = Regex.Matches(await rosa.GetStringAsync($"/me/needs/{food}/refer"), "name=\"service\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var declined = await ReferSelfAsync(rosa, food, services[0]);
        var open = await ReferSelfAsync(rosa, food, services[1]);
        var staff = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.CboStaff));
        var page = await staff.GetStringAsync($"/referrals/{declined}");
        var moved = await staff.PostAsync($"/referrals/{declined}?handler=Move", SignInTests.Form(SignInTests.Token(page), ("to", "rejected"), ("reason", "no-capacity"), ("version", "1")));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        string me;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString)) me = db.PersonAccounts.Single(a => a.Contact == "email:rosa.erase@example.org").PersonId;

        var plan = await rosa.GetStringAsync("/me/delete");
        Assert.Contains("Deleted", Row(plan, "screenings"));
        Assert.Contains("Deleted", Row(plan, "contact"));
        Assert.Contains("Deleted", Row(plan, "account"));
        // One referral closed today stays six years; the other stays while the organization works on it, and so does the need they are for.
        Assert.Contains("Kept while an organization works on it", Row(plan, "referrals"));
        Assert.Contains("kept until it closes, then 6 years", Row(plan, "referrals"));
        Assert.Contains("1 deleted; 1 kept while an organization works on them", Row(plan, "needs"));
        // Her requests gave the pantry consents; asking for deletion ends them today, and the record of them stays six years from today.
        Assert.Contains("Kept until " + clock.GetUtcNow().AddYears(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Row(plan, "consents"));
        Assert.Contains("45 CFR 164.530(j)", Row(plan, "consents"));
        Assert.Contains("only your name and date of birth stay", Row(plan, "identity"));

        // Not confirmed: refused with the reason, and nothing is gone.
        var form = SignInTests.Token(plan);
        var unconfirmed = await rosa.PostAsync("/me/delete", SignInTests.Form(form));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Tick the box", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()));
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            Assert.Equal(1, db.Screenings.Count(s => s.PersonId == me));
            Assert.Equal("rosa.erase@example.org", db.People.Single(p => p.Id == me).Email);
        }

        var done = await rosa.PostAsync("/me/delete", SignInTests.Form(form, ("confirm", "true")));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Your data was deleted", WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await rosa.GetAsync("/me")).StatusCode);

        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            var person = db.People.Single(p => p.Id == me);
            Assert.Equal(("Rosa", "Díaz", null, null, null), (person.GivenName, person.FamilyName, person.Email, person.Language, person.PhoneDigits));
            Assert.DoesNotContain("rosa.erase@example.org", person.Details);
            Assert.Equal(0, db.Screenings.Count(s => s.PersonId == me));
            Assert.Equal([food], db.Needs.Where(n => n.PersonId == me).Select(n => n.Id));
            Assert.Equal(new[] { declined, open }.Order(), db.Referrals.Where(r => r.PersonId == me).Select(r => r.Id).AsEnumerable().Order());
            Assert.All(db.Consents.Where(c => c.PersonId == me), c => Assert.NotNull(c.RevokedAt));
            Assert.NotEmpty(db.Consents.Where(c => c.PersonId == me));
            Assert.Empty(db.PersonAccounts.Where(a => a.PersonId == me));
            Assert.Empty(db.PersonCodes.Where(c => c.Contact == "email:rosa.erase@example.org"));

            var audit = new AuditLog(db, TimeProvider.System);
            var tombstone = (await audit.SearchAsync("demo", new AuditQuery { Action = "people.erase", Target = "person:" + me })).Events.Single();
            Assert.Contains("screenings deleted 1 kept 0", tombstone.Entry.Outcome);
            Assert.DoesNotContain("rosa", tombstone.Entry.Outcome, StringComparison.OrdinalIgnoreCase);
            Assert.True((await audit.VerifyAsync()).Intact);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task When_nothing_must_be_kept_the_whole_record_goes_and_the_contact_opens_no_account_any_more(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var rosa = await SignedUpAsync(app, "rosa.gone@example.org");
        await AddNeedAsync(rosa, "transportation-insecurity");
        string me;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString)) me = db.PersonAccounts.Single(a => a.Contact == "email:rosa.gone@example.org").PersonId;

        var plan = await rosa.GetStringAsync("/me/delete");
        Assert.Contains("Deleted", Row(plan, "identity"));
        Assert.DoesNotContain("class=\"kept\"", plan);
        var done = await rosa.PostAsync("/me/delete", SignInTests.Form(SignInTests.Token(plan), ("confirm", "true")));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            Assert.Empty(db.People.Where(p => p.Id == me));
            Assert.Empty(db.Needs.Where(n => n.PersonId == me));
        }

        // The address is a stranger again: the door offers to sign up.
        var entered = await EnterWithCodeAsync(app, Browser(app), "rosa.gone@example.org");
        Assert.Equal("/me/welcome?lang=en", entered.Headers.Location!.OriginalString);
    }
}
