using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.People;

/// <summary>The person's own door over HTTP: sign up in Spanish with a code, see one's record, sign out everywhere; claim a record a navigator made.</summary>
public sealed partial class PortalPagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    /// <summary>A client with no redirects followed, as a person's browser before they sign in.</summary>
    internal static HttpClient Browser(BraidApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static HashSet<string> SentTo(BraidApp app, string to) =>
        [.. app.Services.GetRequiredService<OutboxEmailSender>().Messages().Select(m => m.Text).Where(t => t.StartsWith($"To: {to}\n", StringComparison.Ordinal))];

    /// <summary>The six-digit code in the first message the dispatcher writes to a recipient besides those it had written before.</summary>
    internal static async Task<string> CodeSentToAsync(BraidApp app, string to, IReadOnlySet<string>? before = null)
    {
        for (var i = 0; i < 150; i++)
        {
            if (SentTo(app, to).FirstOrDefault(t => before?.Contains(t) != true) is { } text) return Code().Match(text).Value;
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No code was sent to {to}.");
    }

    /// <summary>Asks the door for a code and types it in; returns where the code led.</summary>
    internal static async Task<HttpResponseMessage> EnterWithCodeAsync(BraidApp app, HttpClient browser, string contact, string lang = "en")
    {
        var to = Core.People.PortalContact.Parse(contact)!.Value;
        var before = SentTo(app, to);
        var door = await browser.GetStringAsync($"/me/sign-in?lang={lang}");
        var asked = await browser.PostAsync($"/me/sign-in?lang={lang}", SignInTests.Form(SignInTests.Token(door), ("contact", contact)));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var codePage = await browser.GetStringAsync(asked.Headers.Location!.OriginalString);
        var code = await CodeSentToAsync(app, to, before);
        return await browser.PostAsync($"/me/code?lang={lang}", SignInTests.Form(SignInTests.Token(codePage), ("contact", contact), ("code", code)));
    }

    /// <summary>A browser signed in to the portal of a new account for the contact, as Rosa Díaz.</summary>
    internal static async Task<HttpClient> SignedUpAsync(BraidApp app, string contact, string lang = "en")
    {
        var browser = Browser(app);
        var entered = await EnterWithCodeAsync(app, browser, contact, lang);
        Assert.Equal("/me/welcome?lang=" + lang, entered.Headers.Location!.OriginalString);
        var welcome = await browser.GetStringAsync(entered.Headers.Location.OriginalString);
        var created = await browser.PostAsync($"/me/welcome?lang={lang}", SignInTests.Form(SignInTests.Token(welcome), ("givenName", "Rosa"), ("familyName", "Díaz")));
        Assert.Equal("/me?lang=" + lang, created.Headers.Location!.OriginalString);
        return browser;
    }

    /// <summary>Starts a screening from the portal; returns its id.</summary>
    internal static async Task<string> StartScreeningAsync(HttpClient person, string instrument)
    {
        var home = await person.GetStringAsync("/me");
        var started = await person.PostAsync("/me?handler=Screen", SignInTests.Form(SignInTests.Token(home), ("instrument", instrument)));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return started.Headers.Location!.OriginalString.Split('?')[0]["/me/screenings/".Length..];
    }

    /// <summary>Says on the portal that one needs help in a domain; returns the need's id, read from the link to ask for help with it.</summary>
    internal static async Task<string> AddNeedAsync(HttpClient person, string category)
    {
        var home = await person.GetStringAsync("/me");
        var added = await person.PostAsync("/me?handler=AddNeed", SignInTests.Form(SignInTests.Token(home), ("category", category)));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return Regex.Match(await person.GetStringAsync("/me"), $"id=\"ask-{category}\" href=\"/me/needs/([^/]+)/refer").Groups[1].Value;
    }

    /// <summary>Asks a service for help from the portal (the first offered, unless named); returns the referral's id.</summary>
    internal static async Task<string> ReferSelfAsync(HttpClient person, string need, string? service = null)
    {
        var choose = await person.GetStringAsync($"/me/needs/{need}/refer");
        service ??= Regex.Match(choose, "name=\"service\" value=\"([^\"]+)\"").Groups[1].Value;
        var sent = await person.PostAsync($"/me/needs/{need}/refer", SignInTests.Form(SignInTests.Token(choose), ("service", service)));
        return Regex.Match(sent.Headers.Location!.OriginalString, "#referral-(.+)$").Groups[1].Value;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_screens_themself_and_takes_up_the_need_their_answers_show(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var rosa = await SignedUpAsync(app, "rosa@example.org", "es");
        var screening = await StartScreeningAsync(rosa, "hunger-vital-sign");
        var page = $"/me/screenings/{screening}";
        var first = await rosa.GetStringAsync(page + "?lang=es");
        Assert.Contains("lang=\"es\"", first);
        foreach (var (item, answer) in new[] { ("88122-7", "LA28397-0"), ("88123-5", "LA6729-3") })
        {
            var form = await rosa.GetStringAsync($"{page}?item={item}");
            var answered = await rosa.PostAsync($"{page}?handler=Answer&item={item}", SignInTests.Form(SignInTests.Token(form), ("codes", answer)));
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        var done = await rosa.GetStringAsync(page);
        var completed = await rosa.PostAsync($"{page}?handler=Complete", SignInTests.Form(SignInTests.Token(done)));
        Assert.Equal("/me?lang=en#needs", completed.Headers.Location!.OriginalString);

        var home = await rosa.GetStringAsync("/me");
        var need = Regex.Match(home, "id=\"need-food-insecurity\"[\\s\\S]*?name=\"need\" value=\"([^\"]+)\"").Groups[1].Value;
        var accepted = await rosa.PostAsync("/me?handler=Decide", SignInTests.Form(SignInTests.Token(home), ("need", need), ("accept", "true")));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("need need-accepted\" id=\"need-food-insecurity\"", await rosa.GetStringAsync("/me"));

        // She downloads all of it as FHIR, valid R4 throughout.
        var export = await rosa.GetAsync("/me/export");
        Assert.Equal("application/fhir+json", export.Content.Headers.ContentType!.MediaType);
        var bundle = Braid.Interop.Fhir.FhirJson.Parse<Hl7.Fhir.Model.Bundle>(await export.Content.ReadAsStringAsync());
        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Collection, bundle.Type);
        var resources = bundle.Entry.Select(e => e.Resource!).ToList();
        var types = resources.Select(r => r.TypeName).ToList();
        Assert.Equal(1, types.Count(t => t == "Patient"));
        Assert.Equal(1, types.Count(t => t == "QuestionnaireResponse"));
        Assert.Contains("Condition", types);
        Assert.Contains("Observation", types);
        Assert.Equal("Díaz", Assert.IsType<Hl7.Fhir.Model.Patient>(resources[0]).Name[0].Family);
        Assert.Empty(resources.SelectMany(FhirValidation.Errors));

        // Someone else's screening is refused on his portal.
        var other = await SignedUpAsync(app, "luis@example.org");
        var refused = await other.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/me/sign-in", refused.Headers.Location!.ToString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_signs_up_in_Spanish_and_sees_their_own_record_and_signing_out_ends_every_session(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var rosa = await SignedUpAsync(app, "rosa.diaz@example.org", "es");
        var home = WebUtility.HtmlDecode(await rosa.GetStringAsync("/me?lang=es"));
        Assert.Contains("Hola, Rosa Díaz.", home);
        Assert.Contains("Nadie ha leído su expediente todavía.", home);
        Assert.Contains("Su código para Braid", app.Services.GetRequiredService<OutboxEmailSender>().Messages().Select(m => m.Text).First(t => t.Contains("rosa.diaz@example.org")));

        // A second device signs in with a new code; signing out on one ends both.
        var phone = Browser(app);
        var entered = await EnterWithCodeAsync(app, phone, "Rosa.Diaz@example.org");
        Assert.Equal("/me?lang=en", entered.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/me")).StatusCode);
        var signOut = await rosa.PostAsync("/me/sign-out", SignInTests.Form(SignInTests.Token(home)));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await phone.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/me/sign-in", after.Headers.Location!.ToString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_door_reads_the_same_for_a_contact_with_an_account_and_one_without(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        await SignedUpAsync(app, "kim@example.org");

        async Task<string> AskAsync(string contact)
        {
            var browser = Browser(app);
            var door = await browser.GetStringAsync("/me/sign-in");
            var asked = await browser.PostAsync("/me/sign-in", SignInTests.Form(SignInTests.Token(door), ("contact", contact)));
            var page = await browser.GetStringAsync(asked.Headers.Location!.OriginalString);
            return Regex.Replace(page, "(name=\"__RequestVerificationToken\" type=\"hidden\" value=\"|value=\")[^\"]*\"", "$1\"").Replace(Uri.EscapeDataString(contact), "").Replace(contact, "");
        }

        // Both addresses show as k…@example.org: everything else on the page must be the same.
        Assert.Equal(await AskAsync("kim@example.org"), await AskAsync("kai@example.org"));
        var wrongContact = Browser(app);
        var door = await wrongContact.GetStringAsync("/me/sign-in");
        var refused = await wrongContact.PostAsync("/me/sign-in", SignInTests.Form(SignInTests.Token(door), ("contact", "Rosa")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Type an email address", await refused.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Staff_and_people_sessions_never_open_each_others_pages(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var staffAtDoor = await navigator.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, staffAtDoor.StatusCode);
        Assert.Contains("/me/sign-in", staffAtDoor.Headers.Location!.ToString());

        var rosa = await SignedUpAsync(app, "410-555-0142");
        var personAtStaffPage = await rosa.GetAsync("/people");
        Assert.Equal(HttpStatusCode.Redirect, personAtStaffPage.StatusCode);
        Assert.Contains("/account/sign-in", personAtStaffPage.Headers.Location!.ToString());
        var sms = Assert.Single(app.Services.GetRequiredService<OutboxEmailSender>().Messages(), m => m.Text.StartsWith("To: 4105550142\nSMS", StringComparison.Ordinal));
        Assert.Matches(@"^To: 4105550142\nSMS\n\nYour Braid code is [0-9]{6}\. It works for 15 minutes\.\n$", sms.Text);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_invites_a_person_who_then_opens_the_record_made_for_them_and_sees_who_read_it(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        string person, family;
        await using (var people = Data.DatabaseOptions.CreateContext(app.ConnectionString))
        {
            var organization = people.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).Single();
            var row = people.People.Where(p => p.RegisteredBy == organization && (p.Email != null || p.PhoneDigits != null)).OrderBy(p => p.Id).First();
            (person, family) = (row.Id, row.FamilyName!);
        }

        await navigator.GetAsync($"/people/{person}");
        var page = await navigator.GetStringAsync($"/people/{person}");
        var invited = await navigator.PostAsync($"/people/{person}?handler=Invite", SignInTests.Form(SignInTests.Token(page)));
        var notice = WebUtility.HtmlDecode(await invited.Content.ReadAsStringAsync());
        var sentTo = InvitedTo().Match(notice);
        Assert.True(sentTo.Success, notice);

        await using var db = Data.DatabaseOptions.CreateContext(app.ConnectionString);
        var contact = db.PersonCodes.Single(c => c.PersonId == person && c.Purpose == "claim").Contact;
        var recipient = contact[(contact.IndexOf(':') + 1)..];
        var code = await CodeSentToAsync(app, recipient);

        var browser = Browser(app);
        var codePage = await browser.GetStringAsync($"/me/code?contact={Uri.EscapeDataString(recipient)}");
        var claimed = await browser.PostAsync("/me/code", SignInTests.Form(SignInTests.Token(codePage), ("contact", recipient), ("code", code)));
        Assert.Equal("/me?lang=en", claimed.Headers.Location!.OriginalString);
        var home = WebUtility.HtmlDecode(await browser.GetStringAsync("/me"));
        Assert.Contains(family, home[..home.IndexOf("id=\"needs\"", StringComparison.Ordinal)]);
        Assert.Contains("<time datetime=", home[home.IndexOf("id=\"disclosures\"", StringComparison.Ordinal)..]);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_asks_a_pantry_for_help_themself_the_pantry_reads_it_and_her_consents_decide_what_it_sees(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var rosa = await SignedUpAsync(app, "rosa.self@example.org");
        var need = await AddNeedAsync(rosa, "food-insecurity");
        string cbo, cboName;
        await using (var db = Data.DatabaseOptions.CreateContext(app.ConnectionString))
        {
            cbo = db.Memberships.Single(m => m.Role == Roles.CboStaff).OrganizationId;
            cboName = db.Set<Core.Directory.Hsds.Organization>().Single(o => o.Id == cbo).Name!;
        }

        var choose = WebUtility.HtmlDecode(await rosa.GetStringAsync($"/me/needs/{need}/refer"));
        var pantry = Regex.Match(choose, $"name=\"service\" value=\"([^\"]+)\" required /> <span translate=\"no\">Food Pantry · {Regex.Escape(cboName)}").Groups[1].Value;
        Assert.NotEmpty(pantry);
        Assert.Contains("That is a consent", choose);
        // Her record says nothing of where she lives or what her household earns: the pantry's rules cannot be judged, and say so.
        Assert.Contains("<strong>Eligibility unknown.</strong>", choose);
        Assert.Contains("Not known: lives in county 24510 — where the person lives is not known", choose);
        var none = await rosa.PostAsync($"/me/needs/{need}/refer", SignInTests.Form(SignInTests.Token(choose)));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Choose the service", await none.Content.ReadAsStringAsync());

        var referral = await ReferSelfAsync(rosa, need, pantry);
        Assert.NotEmpty(referral);
        var home = WebUtility.HtmlDecode(await rosa.GetStringAsync("/me"));
        Assert.Matches($"id=\"referral-{referral}\">\\s*<span>Food insecurity: <span translate=\"no\">Food Pantry</span></span>\\s*<span translate=\"no\">\\({Regex.Escape(cboName)}\\)</span>\\s*<span class=\"status\">Requested</span>", home);
        var again = await rosa.PostAsync($"/me/needs/{need}/refer", SignInTests.Form(SignInTests.Token(choose), ("service", pantry)));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("You already have an open request", await again.Content.ReadAsStringAsync());

        // The pantry opens it and sees who to reach; that read is in her log, by the pantry.
        var staff = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.CboStaff));
        var opened = WebUtility.HtmlDecode(await staff.GetStringAsync($"/referrals/{referral}"));
        Assert.Contains("<dd id=\"referral-person\" translate=\"no\">Rosa Díaz · English</dd>", opened);
        Assert.Contains("<a href=\"mailto:rosa.self@example.org\">", opened);
        Assert.Contains("The person themself", opened);
        var log = WebUtility.HtmlDecode(await rosa.GetStringAsync("/me"));
        log = log[log.IndexOf("id=\"disclosures\"", StringComparison.Ordinal)..];
        Assert.Matches($"<td translate=\"no\">Carlos CBO Staff</td>\\s*<td translate=\"no\">{Regex.Escape(cboName)}</td>\\s*<td>Shared by referral: name and demographics, contact details</td>", log);

        // Her printable page holds the same: the request and who read it.
        var printable = WebUtility.HtmlDecode(await rosa.GetStringAsync("/me/print"));
        Assert.Contains($"Food Pantry ({cboName})</span>, Requested", printable);
        Assert.Contains($"Carlos CBO Staff · {cboName}</span> · Shared by referral: name and demographics, contact details", printable);

        // She lets the pantry also see her screenings, then takes back the consent her request gave: the pantry no longer sees her name.
        var form = await rosa.GetStringAsync("/me/consent");
        Assert.DoesNotContain("id=\"witness\"", form);
        var given = await rosa.PostAsync("/me/consent", SignInTests.Form(SignInTests.Token(form),
            ("Form.Grantee", "organization:" + cbo), ("Form.Categories", "Screening"), ("Form.Purposes", "CareCoordination"), ("Form.Method", "Verbal")));
        Assert.Equal("/me?lang=en#consents", given.Headers.Location!.OriginalString);
        await using (var db = Data.DatabaseOptions.CreateContext(app.ConnectionString))
        {
            var me = db.PersonAccounts.Single(a => a.Contact == "email:rosa.self@example.org").PersonId;
            var consents = db.Consents.Where(c => c.PersonId == me).ToList();
            Assert.All(consents, c => Assert.Equal(cbo, c.GranteeValue));
            var signed = Data.People.PeopleStore.Name(Core.People.ConsentMethod.ElectronicSignature);
            Assert.Equal([signed, signed], consents.Select(c => c.Method));
            var fromReferral = consents.Single(c => !c.Categories.Contains("screening"));
            home = await rosa.GetStringAsync("/me");
            var revoked = await rosa.PostAsync("/me?handler=Revoke", SignInTests.Form(SignInTests.Token(home), ("consent", fromReferral.Id)));
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        Assert.DoesNotContain("Rosa Díaz", WebUtility.HtmlDecode(await staff.GetStringAsync($"/referrals/{referral}")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_tells_how_a_closed_referral_went_and_the_organization_sees_only_totals(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var rosa = await SignedUpAsync(app, "rosa.feedback@example.org");
        var referral = await ReferSelfAsync(rosa, await AddNeedAsync(rosa, "food-insecurity"));
        Assert.Contains("does not ask for your answers now", WebUtility.HtmlDecode(await rosa.GetStringAsync($"/me/referrals/{referral}/feedback")));

        var staff = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.CboStaff));
        var page = await staff.GetStringAsync($"/referrals/{referral}");
        var declined = await staff.PostAsync($"/referrals/{referral}?handler=Move", SignInTests.Form(SignInTests.Token(page), ("to", "rejected"), ("reason", "no-capacity"), ("version", "1")));
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);

        var home = await rosa.GetStringAsync("/me");
        Assert.Contains($"id=\"feedback-{referral}\" href=\"/me/referrals/{referral}/feedback?lang=en\"", home);
        var form = await rosa.GetStringAsync($"/me/referrals/{referral}/feedback");
        var odd = await rosa.PostAsync($"/me/referrals/{referral}/feedback", SignInTests.Form(SignInTests.Token(form), ("respectful", "maybe")));
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
        Assert.Contains("maybe", WebUtility.HtmlDecode(await odd.Content.ReadAsStringAsync()));
        var blank = await rosa.PostAsync($"/me/referrals/{referral}/feedback", SignInTests.Form(SignInTests.Token(form)));
        Assert.Contains("Answer at least one question", WebUtility.HtmlDecode(await blank.Content.ReadAsStringAsync()));
        var given = await rosa.PostAsync($"/me/referrals/{referral}/feedback", SignInTests.Form(SignInTests.Token(form),
            ("helpful", "no"), ("respectful", "no"), ("in_language", "yes"), ("text", "Nobody called me back for two weeks.")));
        Assert.Equal($"/me?lang=en&done=feedback#referral-{referral}", given.Headers.Location!.OriginalString);
        home = WebUtility.HtmlDecode(await rosa.GetStringAsync(given.Headers.Location.OriginalString));
        Assert.Contains("Thank you: your answers were saved.", home);
        Assert.DoesNotContain($"id=\"feedback-{referral}\"", home);

        // The organization sees how many answered, a share withheld under eleven people, and never what she wrote.
        var totals = WebUtility.HtmlDecode(await staff.GetStringAsync("/referrals/feedback"));
        Assert.Matches("<tr id=\"figure-felt_respected\">\\s*<th scope=\"row\">Felt treated with respect</th>\\s*<td>withheld \\(too few\\)</td>\\s*<td>withheld \\(too few\\)</td>", totals);
        Assert.DoesNotContain("Nobody called me back", totals);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_withdraws_a_request_they_sent_themself_and_no_one_elses(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var rosa = await SignedUpAsync(app, "rosa.withdraws@example.org");
        var referral = await ReferSelfAsync(rosa, await AddNeedAsync(rosa, "food-insecurity"));
        var home = await rosa.GetStringAsync("/me");
        Assert.Contains($"id=\"cancel-{referral}\"", home);

        var withdrawn = await rosa.PostAsync("/me?handler=Cancel", SignInTests.Form(SignInTests.Token(home), ("referral", referral)));
        Assert.Equal($"/me?lang=en#referral-{referral}", withdrawn.Headers.Location!.OriginalString);
        home = WebUtility.HtmlDecode(await rosa.GetStringAsync("/me"));
        Assert.Matches($"id=\"referral-{referral}\">[\\s\\S]*?<span class=\"status\">Cancelled</span>", home);
        Assert.DoesNotContain($"id=\"cancel-{referral}\"", home);
        await using (var db = Data.DatabaseOptions.CreateContext(app.ConnectionString))
        {
            var row = db.Referrals.Single(r => r.Id == referral);
            Assert.Equal(("cancelled", "person-declined"), (row.Status, row.Reason));
        }

        var someoneElse = await SignedUpAsync(app, "someone.else@example.org");
        var other = await ReferSelfAsync(someoneElse, await AddNeedAsync(someoneElse, "food-insecurity"));

        // Once is enough, and a referral of someone else's is not hers to withdraw: neither is found.
        Assert.Equal(HttpStatusCode.NotFound, (await rosa.PostAsync("/me?handler=Cancel", SignInTests.Form(SignInTests.Token(home), ("referral", referral)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rosa.PostAsync("/me?handler=Cancel", SignInTests.Form(SignInTests.Token(home), ("referral", other)))).StatusCode);
        await using (var db = Data.DatabaseOptions.CreateContext(app.ConnectionString)) Assert.Null(db.Referrals.Single(r => r.Id == other).ClosedAt);
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex Code();

    [GeneratedRegex(@"A code to open their own record was sent to [^<]+\.")]
    private static partial Regex InvitedTo();
}
