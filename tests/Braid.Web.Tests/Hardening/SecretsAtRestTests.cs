using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Data;
using Braid.Interop.Fhir;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Braid.Web.Tests.Fhir;
using Braid.Web.Tests.People;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Braid.Web.Tests.Hardening;

/// <summary>
/// Every secret Braid hands out (a staff password, an API client's secret and bearer token, a
/// referral link's token, a portal sign-in code) is kept only as a hash: once each has been sent
/// and used, no table of the database holds it as given.
/// </summary>
public sealed partial class SecretsAtRestTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task No_secret_handed_out_is_stored_as_given_once_it_is_sent(string provider)
    {
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(provider), settings: new Dictionary<string, string> { ["Braid:OutboxPollSeconds"] = "0.2" });
        var http = app.CreateClient();
        var secrets = new Dictionary<string, string> { ["staff password"] = BraidApp.DemoPassword };
        _ = await SignInTests.SignedInClientAsync(app, DemoPeopleRecords.Email(Roles.Navigator));

        // An EHR's client refers a person who prefers texts; the pantry's client completes the referral, so the person is texted a link to say how it went.
        var (person, need, clinic, pantry) = await DemoReferrals.ReferrableAsync(app.ConnectionString);
        await DemoReferrals.ReachableAsync(app.ConnectionString, person, ContactChannel.Text, "en");
        (var ehrId, secrets["API client secret"]) = await ApiTokens.RegisterAsync(app.ConnectionString, clinic, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite);
        (secrets["bearer token"], _) = await ApiTokens.TokenAsync(http, ehrId, secrets["API client secret"]);
        var ehr = Bearer(app, secrets["bearer token"]);
        var cbo = Bearer(app, await ApiTokens.IssueAsync(app, http, pantry, Scopes.ReferralRead, Scopes.ReferralWrite));
        var (order, _) = await ReferralFhirApiTests.SendAsync<ServiceRequest>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Created, ReferralFhirApiTests.Order(person, need, clinic, pantry));
        var (task, _) = await ReferralFhirApiTests.SendAsync<Hl7.Fhir.Model.Task>(ehr, HttpMethod.Post, "/fhir/Task", HttpStatusCode.Created, ReferralFhirApiTests.NewTask(order.Id, pantry));
        task.Status = Hl7.Fhir.Model.Task.TaskStatus.Accepted;
        (task, _) = await ReferralFhirApiTests.SendAsync<Hl7.Fhir.Model.Task>(cbo, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, task);
        task.Status = Hl7.Fhir.Model.Task.TaskStatus.Completed;
        task.Output.Add(new Hl7.Fhir.Model.Task.OutputComponent
        {
            Type = new CodeableConcept(FhirCodes.SdohCategory, "resulting-activity"), Value = new ResourceReference("Procedure/SDOHCC-ProcedureFoodPantryApplicationAssistanceExample"),
        });
        await ReferralFhirApiTests.SendAsync<Hl7.Fhir.Model.Task>(cbo, HttpMethod.Put, $"/fhir/Task/{task.Id}", HttpStatusCode.OK, task);
        secrets["referral link token"] = await SentAsync(app, LinkToken());

        // Someone signs in to their own portal with a code sent to them.
        var entered = await PortalPagesTests.EnterWithCodeAsync(app, PortalPagesTests.Browser(app), "secret.keeper@example.org");
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var code = await PortalPagesTests.CodeSentToAsync(app, "secret.keeper@example.org");

        await using (var db = DatabaseOptions.CreateContext(app.ConnectionString))
        {
            for (var i = 0; i < 100 && await db.Outbox.AnyAsync(m => m.SentAt == null && m.FailedAt == null); i++) await Task.Delay(100);
            Assert.False(await db.Outbox.AnyAsync(m => m.SentAt == null && m.FailedAt == null), "the outbox did not empty");
        }

        var tables = await EveryTable.RowsAsync(app.ConnectionString);
        foreach (var (what, secret) in secrets)
            Assert.True(!tables.Any(t => t.Value.Any(r => r.Contains(secret, StringComparison.Ordinal))),
                $"the {what} is stored as given in {string.Join(", ", tables.Where(t => t.Value.Any(r => r.Contains(secret, StringComparison.Ordinal))).Select(t => t.Key))}");

        // Six digits may turn up by chance among timestamps, so the code is looked for where it travelled: the outbox, and the codes kept for checking.
        var standalone = new Regex($"(?<![0-9A-Za-z]){code}(?![0-9A-Za-z])");
        Assert.DoesNotContain(tables["outbox_messages"], standalone.IsMatch);
        Assert.DoesNotContain(tables["person_codes"], standalone.IsMatch);
        Assert.NotEmpty(tables["person_codes"]);
    }

    private static HttpClient Bearer(BraidApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>What the pattern's first group finds in a message the dispatcher has sent.</summary>
    private static async Task<string> SentAsync(BraidApp app, Regex pattern)
    {
        var outbox = app.Services.GetRequiredService<OutboxEmailSender>();
        for (var i = 0; i < 150; i++)
        {
            if (outbox.Messages().Select(m => pattern.Match(m.Text)).FirstOrDefault(m => m.Success) is { } found) return found.Groups[1].Value;
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No message matching {pattern} was sent.");
    }

    [GeneratedRegex(@"/r/([A-Za-z0-9_\-]{16,})")]
    private static partial Regex LinkToken();
}
