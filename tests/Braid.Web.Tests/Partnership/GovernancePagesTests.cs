using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Partnership;

/// <summary>The partnership's members, charter and decisions: versions are kept, a member signs the current version once, and a decision names the input that informed it.</summary>
public sealed partial class GovernancePagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_staff_member_reads_who_belongs_who_signed_and_what_informed_each_decision(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var navigator = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Navigator));
        var page = WebUtility.HtmlDecode(await navigator.GetStringAsync("/partnership?lang=en"));
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);

        var members = await db.PartnershipMembers.CountAsync();
        Assert.Equal(members, Regex.Matches(page, "<tr>\\s*<th scope=\"row\" translate=\"no\">").Count);
        Assert.Equal(3, Regex.Matches(page, "<td>Resident advisory member</td>").Count);
        Assert.Single(Regex.Matches(page, "<td>Backbone organization</td>"));
        Assert.DoesNotContain("id=\"member-form\"", page); // navigators read; the backbone keeps it

        // The charter's line counts the signatures of its current version in the database.
        var current = await db.DocumentVersions.Where(v => v.DocumentId == DemoGovernance.CharterId).MaxAsync(v => v.Version);
        var signed = await db.DocumentSignatures.CountAsync(s => s.DocumentId == DemoGovernance.CharterId && s.Version == current);
        Assert.Equal(2, current);
        Assert.Contains($"Partnership charter</a> (Charter): version 2 of ", page);
        Assert.Contains($"signed by {signed} of {members} members", page);

        // Each decision links the input that informed it.
        Assert.Matches("Resident seats on the steering committee</h3>[\\s\\S]*?<ul class=\"informed-by\">\\s*<li><a href=\"#input-[0-9a-f-]+\" translate=\"no\">Community convening on who decides</a> \\(Convening", page);

        var charter = WebUtility.HtmlDecode(await navigator.GetStringAsync($"/partnership/documents/{DemoGovernance.CharterId}?lang=en"));
        Assert.Contains("Resident advisory members hold at least a third", charter);
        Assert.Contains("<summary>Text of version 1</summary>", charter);
        Assert.Equal(members - signed, Regex.Matches(charter, "<li translate=\"no\">").Count); // asked to sign again
        Assert.DoesNotContain("id=\"sign-form\"", charter);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_new_version_asks_every_member_to_sign_again_and_each_signs_the_current_version_once(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var url = $"/partnership/documents/{DemoGovernance.CharterId}?lang=en";
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(url));
        var text = Regex.Match(page, "<textarea id=\"publish-text\" name=\"text\" rows=\"12\" required translate=\"no\">([\\s\\S]*?)</textarea>").Groups[1].Value;

        var same = await admin.PostAsync($"/partnership/documents/{DemoGovernance.CharterId}?handler=Publish&lang=en", SignInTests.Form(SignInTests.Token(page), ("text", text)));
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        var published = await admin.PostAsync($"/partnership/documents/{DemoGovernance.CharterId}?handler=Publish&lang=en", SignInTests.Form(SignInTests.Token(page),
            ("text", text + "\nReview. The charter is reviewed with residents every two years."), ("summary", "A review every two years.")));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var members = await db.PartnershipMembers.CountAsync();
        var after = WebUtility.HtmlDecode(await admin.GetStringAsync(url));
        Assert.Contains($"0 of {members} members signed version 3.", after);
        Assert.Equal(members, Regex.Matches(after, "<li translate=\"no\">").Count);

        // The organization's administrator signs for their own organization only, the current version only, once.
        var orgAdmin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.OrgAdmin));
        var own = await db.Memberships.Where(m => m.Role == Roles.OrgAdmin).Select(m => m.OrganizationId).SingleAsync();
        var member = await db.PartnershipMembers.Where(m => m.OrganizationId == own).Select(m => m.Id).SingleAsync();
        var form = WebUtility.HtmlDecode(await orgAdmin.GetStringAsync(url));
        Assert.Equal([member], Regex.Matches(form, "<option value=\"([0-9a-f-]+)\" translate=\"no\">").Select(m => m.Groups[1].Value));
        var old = await orgAdmin.PostAsync($"/partnership/documents/{DemoGovernance.CharterId}?handler=Sign&lang=en", SignInTests.Form(SignInTests.Token(form),
            ("version", "2"), ("member", member), ("signerName", "Ana Ruiz")));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("Version 2 is not the current one (version 3)", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()));
        var signs = await orgAdmin.PostAsync($"/partnership/documents/{DemoGovernance.CharterId}?handler=Sign&lang=en", SignInTests.Form(SignInTests.Token(form),
            ("version", "3"), ("member", member), ("signerName", "Ana Ruiz"), ("signerTitle", "Director")));
        Assert.Equal(HttpStatusCode.Redirect, signs.StatusCode);
        var again = await orgAdmin.PostAsync($"/partnership/documents/{DemoGovernance.CharterId}?handler=Sign&lang=en", SignInTests.Form(SignInTests.Token(form),
            ("version", "3"), ("member", member), ("signerName", "Ana Ruiz")));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var other = await db.PartnershipMembers.Where(m => m.OrganizationId != null && m.OrganizationId != own).Select(m => m.Id).FirstAsync();
        Assert.True(SignInTests.Denied(await orgAdmin.PostAsync($"/partnership/documents/{DemoGovernance.CharterId}?handler=Sign&lang=en", SignInTests.Form(SignInTests.Token(form),
            ("version", "3"), ("member", other), ("signerName", "Not theirs")))));
        Assert.Equal(1, await db.DocumentSignatures.CountAsync(s => s.DocumentId == DemoGovernance.CharterId && s.Version == 3));
        Assert.Contains($"1 of {members} members signed version 3.", WebUtility.HtmlDecode(await admin.GetStringAsync(url)));

        // What was published and signed stays as it was, even for someone with the database.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE document_versions SET text = 'rewritten' WHERE version = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE document_signatures SET signer_name = 'someone else'"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_decision_must_name_community_input_heard_before_it(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var admin = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/partnership?lang=en"));
        var token = SignInTests.Token(page);
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var decisions = await db.Decisions.CountAsync();

        var unheard = await admin.PostAsync("/partnership?handler=Decision&lang=en", SignInTests.Form(token,
            ("title", "Extend pantry hours"), ("body", "Steering committee"), ("decidedOn", "2026-01-10"), ("text", "Pantries open on Saturdays.")));
        Assert.Equal(HttpStatusCode.BadRequest, unheard.StatusCode);
        Assert.Contains("inputs</span>: Name the community input that informed the decision.", WebUtility.HtmlDecode(await unheard.Content.ReadAsStringAsync()));

        var heard = await admin.PostAsync("/partnership?handler=Input&lang=en", SignInTests.Form(token,
            ("kind", "FocusGroup"), ("title", "Working parents on pantry hours"), ("heldOn", "2026-02-01"), ("participants", "9"), ("summary", "Weekday hours clash with work.")));
        Assert.Equal(HttpStatusCode.Redirect, heard.StatusCode);
        var input = await db.CommunityInputs.Where(i => i.Title == "Working parents on pantry hours").Select(i => i.Id).SingleAsync();

        var before = await admin.PostAsync("/partnership?handler=Decision&lang=en", SignInTests.Form(token,
            ("title", "Extend pantry hours"), ("body", "Steering committee"), ("decidedOn", "2026-01-10"), ("text", "Pantries open on Saturdays."), ("inputs", input)));
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Contains("'Working parents on pantry hours' took place after the decision", WebUtility.HtmlDecode(await before.Content.ReadAsStringAsync()));
        Assert.Equal(decisions, await db.Decisions.CountAsync());

        var decided = await admin.PostAsync("/partnership?handler=Decision&lang=en", SignInTests.Form(token,
            ("title", "Extend pantry hours"), ("body", "Steering committee"), ("decidedOn", "2026-02-15"), ("text", "Pantries open on Saturdays."), ("inputs", input)));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var after = WebUtility.HtmlDecode(await admin.GetStringAsync("/partnership?lang=en"));
        Assert.Matches($"Extend pantry hours</h3>[\\s\\S]*?<a href=\"#input-{input}\" translate=\"no\">Working parents on pantry hours</a> \\(Focus group, 2026-02-01\\)", after);
    }
}
