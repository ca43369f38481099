using System.Net;
using System.Text;
using System.Text.Json;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Braid.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Braid.Web.Tests.Infrastructure;

public sealed class OperationsTests
{
    [Fact]
    public async Task Every_request_has_a_correlation_id_in_its_response_its_log_lines_and_its_problem_details()
    {
        var logs = new LogCapture();
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite), services: s => s.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient();

        // A caller's plain id is kept, so a request is followed from the caller's logs into Braid's (here the emailing of a reset link).
        var form = await client.GetStringAsync("/account/forgot-password");
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password")
        {
            Content = SignInTests.Form(SignInTests.Token(form), ("email", DemoAccounts.Email(Roles.Navigator))),
        };
        request.Headers.Add("X-Correlation-Id", "probe-7f3a");
        var sent = await client.SendAsync(request);
        Assert.Equal("probe-7f3a", sent.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Contains(logs.Lines, l => l.StartsWith("Email to " + DemoAccounts.Email(Roles.Navigator), StringComparison.Ordinal) && l.Contains("CorrelationId=probe-7f3a", StringComparison.Ordinal));

        // A problem names it too; an id that is not a plain token (a newline, 65 characters) is replaced, not echoed.
        var problem = await client.GetAsync("/api/equity/report");
        var own = problem.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$|^[A-Za-z0-9:._-]+$", own);
        foreach (var bad in new[] { "a\nInjected: yes", new string('x', 65) })
        {
            var tricked = new HttpRequestMessage(HttpMethod.Get, "/hsds/");
            tricked.Headers.TryAddWithoutValidation("X-Correlation-Id", bad);
            var answer = await client.SendAsync(tricked);
            Assert.NotEqual(bad, answer.Headers.GetValues("X-Correlation-Id").Single());
        }

        var missing = await client.PostAsync("/api/equity/report", new StringContent("{", Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal(missing.Headers.GetValues("X-Correlation-Id").Single(), json.RootElement.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task On_SIGTERM_a_request_in_flight_finishes_and_the_server_exits_cleanly()
    {
        var database = await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite);
        await using var server = await WebAppProcess.StartAsync(
            ["--ConnectionStrings:Braid=" + database, "--Braid:DataDirectory=" + System.IO.Directory.CreateTempSubdirectory("braid-stop-").FullName,
             "--Braid:DemoServices=50", "--Braid:DemoPeople=20"], TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        // The body arrives in two halves; the server is told to stop between them.
        var halfSent = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var body = new SlowBody("grant_type=client_credentials&client_id=", "00000000-0000-0000-0000-000000000000&client_secret=nope", halfSent, finish.Task);
        var response = http.PostAsync("/oauth/token", body);
        await halfSent.Task;
        server.SignalTerminate();
        await Task.Delay(1000); // lets the stop begin while the request is half read; a wait, not a measurement
        finish.SetResult();

        var answer = await response;
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode); // the token endpoint's own answer to the whole form
        Assert.Contains("invalid_client", await answer.Content.ReadAsStringAsync());
        Assert.Equal(0, await server.ExitCodeAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>A form body sent in two writes, the second once the test says so.</summary>
    private sealed class SlowBody : HttpContent
    {
        private readonly string first, second;
        private readonly TaskCompletionSource halfSent;
        private readonly Task finish;

        public SlowBody(string first, string second, TaskCompletionSource halfSent, Task finish)
        {
            (this.first, this.second, this.halfSent, this.finish) = (first, second, halfSent, finish);
            Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(first));
            await stream.FlushAsync();
            halfSent.SetResult();
            await finish;
            await stream.WriteAsync(Encoding.ASCII.GetBytes(second));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = first.Length + second.Length;
            return true;
        }
    }
}
