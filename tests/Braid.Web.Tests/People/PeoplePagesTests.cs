using System.Net;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Tests.Access;

namespace Braid.Web.Tests.People;

/// <summary>The people pages over HTTP: search despite a typo, registration errors named, consent enforced on the page, break the glass.</summary>
public sealed class PeoplePagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_finds_a_demo_person_despite_a_typo_and_opens_their_ranked_needs(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var (person, _, name) = await DemoPeopleRecords.NavigatorsAsync(app);
        var typo = name[..^1] + (name[^1] == 'e' ? 'a' : 'e');

        var found = await navigator.GetStringAsync("/people?name=" + Uri.EscapeDataString(typo));
        var page = await navigator.GetAsync($"/people/{person}");

        Assert.True(found.Contains($"/people/{person}", StringComparison.Ordinal), typo + ": " + found[found.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"needs\"", html);
        Assert.Contains("id=\"disclosures\"", html);
        var log = html[html.IndexOf("id=\"disclosures\"", StringComparison.Ordinal)..];
        Assert.Contains("<td translate=\"no\">Nadia Navigator</td>", log); // the search's own listing, by name
        Assert.DoesNotContain(">user:", log);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_bad_registration_names_each_field_and_a_good_one_opens_the_new_record(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var form = await navigator.GetStringAsync("/people/new");

        var bad = await navigator.PostAsync("/people/new", SignInTests.Form(SignInTests.Token(form), ("Form.GivenName", ""), ("Form.BirthDate", "3000-01-01"), ("Form.Phone", "12")));
        var good = await navigator.PostAsync("/people/new", SignInTests.Form(SignInTests.Token(form), ("Form.GivenName", "Zeynep"), ("Form.FamilyName", "Quarshie"), ("Form.BirthDate", "1980-05-06")));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "#family_name", "#birth_date", "#phone" }) Assert.Contains($"href=\"{field}\"", errors);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await navigator.GetAsync(good.Headers.Location)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Without_consent_a_CBO_worker_gets_a_403_and_may_break_the_glass_only_with_a_reason(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var cbo = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.CboStaff));
        var (person, _, _) = await DemoPeopleRecords.NavigatorsAsync(app);
        await using (var db = Braid.Data.DatabaseOptions.CreateContext(app.ConnectionString))
        {
            db.Consents.RemoveRange(db.Consents.Where(c => c.PersonId == person));
            await db.SaveChangesAsync();
        }

        var denied = await cbo.GetAsync($"/people/{person}");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var html = await denied.Content.ReadAsStringAsync();
        Assert.Contains("id=\"no-consent\"", html);
        Assert.DoesNotContain("id=\"needs\"", html);

        var noReason = await cbo.PostAsync($"/people/{person}?handler=BreakGlass", SignInTests.Form(SignInTests.Token(html), ("reason", " ")));
        var broke = await cbo.PostAsync($"/people/{person}?handler=BreakGlass", SignInTests.Form(SignInTests.Token(html), ("reason", "Unconscious in the ER")));

        Assert.Equal(HttpStatusCode.Forbidden, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, broke.StatusCode);
        Assert.Contains("id=\"broke-glass\"", await broke.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_imports_a_roster_sees_the_likely_duplicates_held_back_and_a_misspelt_column_refused(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));

        async Task<HttpResponseMessage> UploadAsync(string csv, bool skipInvalid = false)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(SignInTests.Token(await navigator.GetStringAsync("/people/import"))), "__RequestVerificationToken" },
                { new StringContent(csv), "data", "roster.csv" },
                { new StringContent(skipInvalid ? "true" : "false"), "SkipInvalid" },
            };
            return await navigator.PostAsync("/people/import", form);
        }

        var imported = await UploadAsync("given_name,family_name,birth_date,phone\nZeynep,Quarshie,1980-05-06,410-555-0199\nZeynep,Quarshi,1980-06-05,410-555-0199\nBad,Date,1980-02-30,\n", skipInvalid: true);
        var misspelt = await UploadAsync("given_name,surname\nAna,Ruiz\n");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var html = WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync());
        Assert.Contains("Registered 1 of 3 people; 1 held back as likely duplicates.", html);
        Assert.Contains("<td>4</td><td translate=\"no\">birth_date</td>", html);
        var held = html[html.IndexOf("id=\"held-back\"", StringComparison.Ordinal)..];
        Assert.Matches("href=\"/people/[^\"]+\" translate=\"no\">Zeynep Quarshie</a>", held);
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        Assert.Contains("Braid has no column 'surname'.", WebUtility.HtmlDecode(await misspelt.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task PRAPARE_asks_counts_as_numbers_refuses_a_bad_one_naming_it_keeps_words_and_says_its_rules_are_Braids()
    {
        await using var app = await BraidApp.StartAsync("sqlite");
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var (person, _, _) = await DemoPeopleRecords.NavigatorsAsync(app);
        var record = await navigator.GetStringAsync($"/people/{person}?lang=es");

        var started = await navigator.PostAsync($"/people/{person}?handler=Screen&lang=es", SignInTests.Form(SignInTests.Token(record), ("instrument", "prapare"), ("language", "es")));
        var screening = started.Headers.Location!.OriginalString.Split('?')[0];
        var household = await navigator.GetStringAsync(screening + "?item=63512-8&lang=es");
        var bad = await navigator.PostAsync(screening + "?handler=Answer&item=63512-8&lang=es", SignInTests.Form(SignInTests.Token(household), ("value", "0")));
        var good = await navigator.PostAsync(screening + "?handler=Answer&item=63512-8&lang=es", SignInTests.Form(SignInTests.Token(household), ("value", "4")));
        var address = await navigator.PostAsync(screening + "?handler=Answer&item=56799-0&lang=es", SignInTests.Form(SignInTests.Token(household), ("value", "12 N Charles St")));
        var answers = await navigator.GetStringAsync(screening + "?lang=es");

        Assert.Contains("/screenings/", screening, StringComparison.Ordinal);
        Assert.Contains("id=\"braids-rules\"", household);
        Assert.Contains("type=\"number\"", household);
        Assert.Contains("¿Con cuántos familiares", WebUtility.HtmlDecode(household));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'0' no es un número entero de 1 a 30.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (good.StatusCode, address.StatusCode));
        Assert.Contains(">4</span>", answers);
        Assert.Contains(">12 N Charles St</span>", answers);
    }
}
