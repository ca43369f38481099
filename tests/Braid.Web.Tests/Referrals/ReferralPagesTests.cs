using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Referrals;

/// <summary>The closed loop over HTTP: refer under consent, one effect per form, the CBO's inbox, accept and complete, and a stale form refused.</summary>
public sealed partial class ReferralPagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_refers_under_consent_the_CBO_accepts_and_completes_and_both_see_the_loop_closed(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var cbo = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.CboStaff));
        var (person, _, _) = await DemoPeopleRecords.NavigatorsAsync(app);
        string cboOrganization, service;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            db.Consents.RemoveRange(db.Consents.Where(c => c.PersonId == person));
            await db.SaveChangesAsync();
            cboOrganization = await db.Memberships.Where(m => m.Role == Roles.CboStaff).Select(m => m.OrganizationId).SingleAsync();
            service = await DemoListings.OfAsync(db, cboOrganization);
        }

        var record = await navigator.GetStringAsync($"/people/{person}");
        Assert.Equal(HttpStatusCode.Redirect, (await navigator.PostAsync($"/people/{person}?handler=AddNeed", SignInTests.Form(SignInTests.Token(record), ("category", "food-insecurity")))).StatusCode);
        string need;
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            need = await db.Needs.Where(n => n.PersonId == person && n.Category == "food-insecurity" && n.Status == "accepted").OrderByDescending(n => n.RecordedAt).Select(n => n.Id).FirstAsync();
        }

        var form = await navigator.GetStringAsync($"/people/{person}/refer?need={need}&category=food-insecurity");
        Assert.Contains("name=\"Form.Service\"", form);
        Assert.Contains($"action=\"/people/{person}/refer?need={need}&amp;category=food-insecurity", form);
        (string, string)[] fields = [("Form.Service", service), ("Form.Kind", "Direct"), ("Form.Note", "Prefers mornings"), ("Form.IdempotencyKey", Key().Match(form).Groups[1].Value)];
        var unconsented = await navigator.PostAsync($"/people/{person}/refer?need={need}", SignInTests.Form(SignInTests.Token(form), fields));
        Assert.Equal(HttpStatusCode.Conflict, unconsented.StatusCode);
        Assert.Contains("id=\"record-consent\"", await unconsented.Content.ReadAsStringAsync());

        var consentForm = await navigator.GetStringAsync($"/people/{person}/consent");
        var granted = await navigator.PostAsync($"/people/{person}/consent", SignInTests.Form(SignInTests.Token(consentForm), ("Form.Grantee", "organization:" + cboOrganization),
            ("Form.Categories", "Demographics"), ("Form.Categories", "Contact"), ("Form.Categories", "FoodInsecurity"), ("Form.Purposes", "CareCoordination"),
            ("Form.Start", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("Form.Method", "InPerson"), ("Form.Language", "en")));
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        var sent = await navigator.PostAsync($"/people/{person}/refer?need={need}", SignInTests.Form(SignInTests.Token(form), fields));
        var again = await navigator.PostAsync($"/people/{person}/refer?need={need}", SignInTests.Form(SignInTests.Token(form), fields));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(sent.Headers.Location, again.Headers.Location);
        var referral = sent.Headers.Location!.OriginalString.Split('?')[0];

        var inbox = await cbo.GetStringAsync("/referrals");
        Assert.Contains($"href=\"{referral}?lang=en\"", inbox);
        var page = await cbo.GetStringAsync(referral);
        Assert.Contains("value=\"accepted\"", page);
        Assert.Matches(@"<span translate=""no"">\d+ per week</span>", page); // the listing's capacity when the referral was sent
        Assert.Equal(HttpStatusCode.Redirect, (await cbo.PostAsync(referral + "?handler=Move", SignInTests.Form(SignInTests.Token(page), ("to", "accepted"), ("version", "1")))).StatusCode);
        var stale = await cbo.PostAsync(referral + "?handler=Move", SignInTests.Form(SignInTests.Token(page), ("to", "on-hold"), ("reason", "no-capacity"), ("version", "1")));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var accepted = await cbo.GetStringAsync(referral);
        Assert.Contains("id=\"complete-referral\"", accepted);
        Assert.Equal(HttpStatusCode.Redirect, (await cbo.PostAsync(referral + "?handler=Complete",
            SignInTests.Form(SignInTests.Token(accepted), ("service", "Two weeks of groceries"), ("needMet", "Yes"), ("version", "2")))).StatusCode);

        var closed = await navigator.GetStringAsync(referral);
        Assert.Contains("id=\"need-met\"", closed);
        Assert.Equal(3, Regex.Matches(closed[closed.IndexOf("id=\"history\"", StringComparison.Ordinal)..], "<tr>").Count - 1);
        var loop = await navigator.GetStringAsync($"/people/{person}");
        Assert.Contains($"href=\"{referral}?lang=en\"", loop);
        Assert.DoesNotContain("id=\"complete-referral\"", closed);
    }

    [GeneratedRegex("name=\"Form.IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex Key();

    [Theory, MemberData(nameof(Providers))]
    public async Task The_inbox_gives_each_open_referral_its_next_deadline_by_the_communitys_service_levels_and_lists_the_missed_ones(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var cbo = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.CboStaff));
        var (person, _, _) = await DemoPeopleRecords.NavigatorsAsync(app);
        var late = await DemoReferrals.SendAsync(app, person, sentAt: DateTimeOffset.UtcNow.AddHours(-72));
        var fresh = await DemoReferrals.SendAsync(app, person);

        var missed = await cbo.GetStringAsync("/referrals?missed=true");
        Assert.Contains($"/referrals/{late}?", missed);
        Assert.DoesNotContain($"/referrals/{fresh}?", missed);
        Assert.Matches("<td class=\"deadline missed\">Answer by [0-9 :-]+ [^<]+ missed</td>", missed);
        Assert.Contains("<td class=\"deadline\">Answer by ", await cbo.GetStringAsync("/referrals"));

        // A community that gives four days to answer has missed nothing yet.
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
            await db.Communities.Where(c => c.Id == "demo").ExecuteUpdateAsync(c => c.SetProperty(x => x.ReferralAnswerHours, 96));
        Assert.DoesNotContain($"/referrals/{late}?", await cbo.GetStringAsync("/referrals?missed=true"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_missed_deadline_reminds_the_CBO_staff_then_its_administrator_once_each_without_naming_the_person(string provider)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(provider), clock, settings: new Dictionary<string, string> { ["Braid:ReminderMinutes"] = "0" });
        _ = app.CreateClient();
        var (person, _, name) = await DemoPeopleRecords.NavigatorsAsync(app);
        var late = await DemoReferrals.SendAsync(app, person, sentAt: clock.GetUtcNow().AddHours(-72));
        await DemoReferrals.SendAsync(app, person);
        var reminders = app.Services.GetRequiredService<Web.Notifications.ReferralReminders>();

        async Task<List<(string Id, string Recipient, string Payload)>> QueuedAsync()
        {
            await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
            return [.. (await db.Outbox.Where(m => m.Id.StartsWith("reminder:")).OrderBy(m => m.Id).ToListAsync()).Select(m => (m.Id, m.Recipient, m.Payload))];
        }

        await reminders.RunAsync(CancellationToken.None);
        await reminders.RunAsync(CancellationToken.None);
        var first = await QueuedAsync();
        var worker = Assert.Single(first);
        Assert.Equal(DemoPeopleRecords.Email(Roles.CboStaff), worker.Recipient);
        Assert.StartsWith($"reminder:{late}:accept:Worker:", worker.Id);
        Assert.Contains($"/referrals/{late}", worker.Payload);
        Assert.DoesNotContain(name.Split(' ')[^1], worker.Payload);

        clock.Advance(TimeSpan.FromDays(2));
        await reminders.RunAsync(CancellationToken.None);
        var second = await QueuedAsync();
        Assert.Equal(2, second.Count);
        Assert.Contains(second, m => m.Recipient == DemoPeopleRecords.Email(Roles.OrgAdmin) && m.Id.StartsWith($"reminder:{late}:accept:OrganizationAdmin:", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_referral_left_unanswered_past_its_deadline_offers_the_sender_other_services_to_refer_to_instead(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var cbo = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.CboStaff));
        var (person, _, _) = await DemoPeopleRecords.NavigatorsAsync(app);
        var late = await DemoReferrals.SendAsync(app, person, sentAt: DateTimeOffset.UtcNow.AddHours(-72));
        var fresh = await DemoReferrals.SendAsync(app, person);

        Assert.DoesNotContain("id=\"reroute\"", await navigator.GetStringAsync($"/referrals/{fresh}"));
        Assert.DoesNotContain("id=\"reroute\"", await cbo.GetStringAsync($"/referrals/{late}"));
        var page = await navigator.GetStringAsync($"/referrals/{late}");
        var links = Reroute().Matches(RerouteSection().Match(page).Value).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.InRange(links.Count, 1, 3);
        var service = links[0].Split("service=")[1].Split('&')[0];
        Assert.Matches($"<input type=\"radio\" name=\"Form.Service\" value=\"{service}\" checked=\"checked\"", await navigator.GetStringAsync(links[0]));
    }

    // Four answer windows of the default 48 hours: 192 hours after it was sent.
    [Theory, MemberData(nameof(Providers))]
    public async Task A_referral_nobody_answers_expires_and_its_sender_is_offered_other_services(string provider)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(provider), clock, settings: new Dictionary<string, string> { ["Braid:ReminderMinutes"] = "0" });
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var (person, _, _) = await DemoPeopleRecords.NavigatorsAsync(app);
        var late = await DemoReferrals.SendAsync(app, person, sentAt: clock.GetUtcNow().AddHours(-191));
        var fresh = await DemoReferrals.SendAsync(app, person);
        var reminders = app.Services.GetRequiredService<Web.Notifications.ReferralReminders>();

        async Task<Dictionary<string, (string Status, string? Reason)>> StatusesAsync()
        {
            await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
            return await db.Referrals.Where(r => r.Id == late || r.Id == fresh).ToDictionaryAsync(r => r.Id, r => (r.Status, r.Reason));
        }

        await reminders.RunAsync(CancellationToken.None);
        Assert.Equal(("requested", null), (await StatusesAsync())[late]);

        clock.Advance(TimeSpan.FromHours(2));
        await reminders.RunAsync(CancellationToken.None);
        await reminders.RunAsync(CancellationToken.None);
        var statuses = await StatusesAsync();
        Assert.Equal(("cancelled", "expired"), statuses[late]);
        Assert.Equal(("requested", null), statuses[fresh]);
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
            Assert.Equal(1, (await new Braid.Data.Audit.AuditLog(db, TimeProvider.System).SearchAsync("demo", new Braid.Data.Audit.AuditQuery { Action = "referrals.expired" })).Total);

        var page = await navigator.GetStringAsync($"/referrals/{late}");
        Assert.Contains("Not answered before it expired", page);
        Assert.Contains("id=\"reroute\"", page);
    }

    [GeneratedRegex("<section id=\"reroute\">[\\s\\S]*?</section>")]
    private static partial Regex RerouteSection();

    [GeneratedRegex("<a href=\"(/people/[^\"]+/refer\\?[^\"]+)\">")]
    private static partial Regex Reroute();
}
