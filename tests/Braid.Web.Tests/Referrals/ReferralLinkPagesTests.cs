using System.Net;
using System.Text.RegularExpressions;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Referrals;

/// <summary>An external referral over HTTP: the navigator sends it, the organization not on Braid gets the link by email, opens it without an account and answers once.</summary>
public sealed partial class ReferralLinkPagesTests
{
    private const string PantryMail = "intake@saint-anne.example";

    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task An_organization_not_on_Braid_answers_an_external_referral_through_the_emailed_link_once(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));
        var (person, need, _, _) = await DemoReferrals.ReferrableAsync(app.ConnectionString);
        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            // An organization outside Braid is covered only by a consent to the whole network.
            await new Data.People.PeopleStore(db).AddConsentAsync(new CommunityId("demo"), new PersonConsent
            {
                Id = new ConsentId(Guid.NewGuid().ToString()), Person = new PersonId(person), Grantee = Grantee.Network,
                Categories = new HashSet<DataCategory> { DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity },
                Purposes = new HashSet<Purpose> { Purpose.CareCoordination }, Start = DateTimeOffset.UtcNow.AddDays(-1), Method = ConsentMethod.InPerson, Language = "en", RecordedBy = "test",
            }, DateTimeOffset.UtcNow);
        }

        var form = await navigator.GetStringAsync($"/people/{person}/refer?need={need}&category=food-insecurity");
        var sent = await navigator.PostAsync($"/people/{person}/refer?need={need}", SignInTests.Form(SignInTests.Token(form), ("Form.Kind", "External"),
            ("Form.ExternalOrganization", "Saint Anne's pantry"), ("Form.ExternalEmail", PantryMail), ("Form.ExternalServiceName", "Emergency groceries"),
            ("Form.IdempotencyKey", Guid.NewGuid().ToString())));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var referral = sent.Headers.Location!.OriginalString.Split('?')[0];

        // The dispatcher words the email and sends it; the link is in it.
        var email = await EmailToAsync(app, PantryMail, "Emergency groceries");
        Assert.Contains("The link takes one answer, until", email);
        var link = new Uri(LinkIn().Match(email).Value).PathAndQuery;

        var pantry = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var opened = await pantry.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.True(opened.Headers.CacheControl!.NoStore);
        var page = await opened.Content.ReadAsStringAsync();
        Assert.Contains("value=\"accepted\"", page);
        Assert.Contains("id=\"person-name\"", page);
        Assert.Contains("Acepte la remisión si puede ayudar", WebUtility.HtmlDecode(await pantry.GetStringAsync(link + "?lang=es")));

        var noChoice = await pantry.PostAsync(link, SignInTests.Form(SignInTests.Token(page)));
        Assert.Equal(HttpStatusCode.BadRequest, noChoice.StatusCode);
        Assert.Contains("Choose an answer.", await noChoice.Content.ReadAsStringAsync());

        var accepted = await pantry.PostAsync(link, SignInTests.Form(SignInTests.Token(page), ("status", "accepted"), ("note", "We will call tomorrow")));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("your answer is recorded. The referral is now Accepted.", await accepted.Content.ReadAsStringAsync());

        var twice = await pantry.PostAsync(link, SignInTests.Form(SignInTests.Token(page), ("status", "rejected"), ("reason", "no-capacity")));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var refused = await twice.Content.ReadAsStringAsync();
        Assert.Contains("each link answers once", refused);
        Assert.DoesNotContain("id=\"person-name\"", refused);

        var seen = await navigator.GetStringAsync(referral);
        Assert.Contains("<dd id=\"referral-status\">Accepted", seen);
        Assert.Contains("link:" + PantryMail, seen);
        // The sender follows its links: the answer link used, the close link out.
        var links = seen[seen.IndexOf("id=\"links\"", StringComparison.Ordinal)..seen.IndexOf("id=\"history\"", StringComparison.Ordinal)];
        Assert.Contains("Accepting or declining the referral", links);
        Assert.Contains("Saying how it went", links);
        Assert.Single(Regex.Matches(WebUtility.HtmlDecode(links), "<td translate=\"no\">—</td>"));
        Assert.Contains("Say how the referral to Emergency groceries went", await EmailToAsync(app, PantryMail, "Say how the referral"));

        // The close link went astray: the navigator sends it again, and the one before stops working.
        var resent = await navigator.PostAsync(referral + "?handler=ResendLink", SignInTests.Form(SignInTests.Token(seen)));
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var afterResend = await navigator.GetStringAsync(referral);
        Assert.Equal(3, Regex.Matches(afterResend[afterResend.IndexOf("id=\"links\"", StringComparison.Ordinal)..afterResend.IndexOf("id=\"history\"", StringComparison.Ordinal)], "<tr>").Count - 1);

        Assert.Equal(HttpStatusCode.NotFound, (await pantry.GetAsync("/r/brl_" + new string('A', 43))).StatusCode);
    }

    private static async Task<string> EmailToAsync(BraidApp app, string to, string containing)
    {
        var outbox = app.Services.GetRequiredService<OutboxEmailSender>();
        for (var i = 0; i < 150; i++)
        {
            if (outbox.Messages().Select(m => m.Text).FirstOrDefault(t => t.Contains(to, StringComparison.Ordinal) && t.Contains(containing, StringComparison.Ordinal)) is { } found) return found;
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No email to {to} containing '{containing}' was sent.");
    }

    [GeneratedRegex(@"https?://[^\s]+/r/brl_[A-Za-z0-9_-]+")]
    private static partial Regex LinkIn();
}
