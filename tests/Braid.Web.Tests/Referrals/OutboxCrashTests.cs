using System.Net;
using System.Net.Http.Headers;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Tests.Fhir;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = Hl7.Fhir.Model.Task;

namespace Braid.Web.Tests.Referrals;

/// <summary>
/// The outbox across crashes of the real server: a message exists if and only if its change
/// committed, a server killed (SIGKILL) between the commit and the sending sends it after restart,
/// and one killed between sending and marking it sent sends it again to no second effect.
/// </summary>
public sealed class OutboxCrashTests
{
    [Fact]
    public async System.Threading.Tasks.Task A_notice_committed_before_a_kill_is_sent_exactly_once_after_restart_even_when_sent_twice()
    {
        var database = await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite);
        var data = System.IO.Directory.CreateTempSubdirectory("braid-crash-").FullName;
        var outbox = Path.Combine(data, "outbox");
        string[] settings = ["--ConnectionStrings:Braid=" + database, "--Braid:DataDirectory=" + data, "--Braid:DemoServices=50", "--Braid:DemoPeople=60", "--Braid:OutboxPollSeconds=0.2"];

        // The first server commits the referral and its notice, and is killed before it sends anything.
        string referral;
        await using (var server = await WebAppProcess.StartAsync([.. settings, "--Braid:OutboxDispatch=false"], TimeSpan.FromMinutes(2)))
        {
            var (person, need, clinic, pantry) = await DemoReferrals.ReferrableAsync(database);
            await DemoReferrals.ReachableAsync(database, person, ContactChannel.Email, "en");
            using var ehr = await ClientAsync(server, database, clinic);
            var (order, _) = await ReferralFhirApiTests.SendAsync<ServiceRequest>(ehr, HttpMethod.Post, "/fhir/ServiceRequest", HttpStatusCode.Created,
                ReferralFhirApiTests.Order(person, need, clinic, pantry));
            var (task, _) = await ReferralFhirApiTests.SendAsync<Task>(ehr, HttpMethod.Post, "/fhir/Task", HttpStatusCode.Created, ReferralFhirApiTests.NewTask(order.Id, pantry));
            referral = task.Id!;
        }

        var id = $"referral:{referral}:2:person";
        Assert.Equal((1, 0), (await PendingAsync(database, id), Sent(outbox, referral)));
        string payload;
        await using (var db = DatabaseOptions.CreateContext(database))
            payload = await db.Outbox.Where(m => m.Id == id).Select(m => m.Payload).SingleAsync();

        // Restarted, the server sends it.
        await using (await WebAppProcess.StartAsync(settings, TimeSpan.FromMinutes(2)))
            await UntilAsync(async () => await PendingAsync(database, id) == 0);
        Assert.Equal(1, Sent(outbox, referral));

        // As if killed after sending but before marking it sent (which also drops what it said): the next server sends it again, and there is still one.
        await using (var db = DatabaseOptions.CreateContext(database))
            await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.SentAt, (DateTimeOffset?)null).SetProperty(x => x.Payload, payload));
        await using (await WebAppProcess.StartAsync(settings, TimeSpan.FromMinutes(2)))
            await UntilAsync(async () => await PendingAsync(database, id) == 0);
        Assert.Equal(1, Sent(outbox, referral));
        await using (var db = DatabaseOptions.CreateContext(database))
            Assert.Equal(2, await db.Outbox.Where(m => m.Id == id).Select(m => m.Attempts).SingleAsync());
    }

    private static async Task<HttpClient> ClientAsync(WebAppProcess server, string database, string organization)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await ApiTokens.IssueAsync(database, http, organization, Scopes.PersonRead, Scopes.ReferralRead, Scopes.ReferralWrite));
        return http;
    }

    /// <summary>1 when the message is queued and not yet sent, 0 when sent, -1 when there is no such message.</summary>
    private static async Task<int> PendingAsync(string database, string id)
    {
        await using var db = DatabaseOptions.CreateContext(database);
        var message = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        return message is null ? -1 : message.SentAt is null ? 1 : 0;
    }

    // The person's notice of this referral in the development outbox (each file is one email).
    private static int Sent(string outbox, string referral) =>
        System.IO.Directory.Exists(outbox) ? System.IO.Directory.GetFiles(outbox, "*.txt").Count(f => Path.GetFileName(f).Contains(referral, StringComparison.Ordinal)) : 0;

    // A deadline for the dispatcher to act, not a measurement.
    private static async System.Threading.Tasks.Task UntilAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 300 && !await done(); i++) await System.Threading.Tasks.Task.Delay(100);
        Assert.True(await done(), "the dispatcher did not send the message within 30 s");
    }
}
