using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Access;
using Braid.Data.Audit;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

public sealed partial class SignInTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_demo_account_signs_in_and_out_and_both_are_audited(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await PostSignInAsync(client, DemoAccounts.Email(Roles.OrgAdmin), BraidApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("braid.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        var home = await client.GetStringAsync("/");
        Assert.Contains("Signed in as " + DemoAccounts.Email(Roles.OrgAdmin), home);
        var signOut = await client.PostAsync("/account/sign-out", Form(Token(home)));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.DoesNotContain("Signed in as", await client.GetStringAsync("/"));

        var events = await AuditAsync(app);
        Assert.Contains(events, e => e.Entry.Action == "account.sign-in" && e.Entry.Outcome == "succeeded");
        Assert.Contains(events, e => e.Entry.Action == "account.sign-out" && e.Entry.Actor.StartsWith("user:", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_five_wrong_passwords_Then_the_account_is_locked_even_for_the_right_one(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = DemoAccounts.Email(Roles.Navigator);

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await PostSignInAsync(client, email, "not-the-password-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("The email or password is not right.", await wrong.Content.ReadAsStringAsync());
        }

        // Locked, even for the right password; the page does not say so (that would confirm the account exists), its owner's mailbox does, once.
        var fifth = await PostSignInAsync(client, email, "not-the-password-5");
        var right = await PostSignInAsync(client, email, BraidApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        foreach (var answer in new[] { await fifth.Content.ReadAsStringAsync(), await right.Content.ReadAsStringAsync() })
        {
            Assert.Contains("The email or password is not right.", answer);
            Assert.DoesNotContain("locked", answer, StringComparison.OrdinalIgnoreCase);
        }

        var told = Assert.Single(app.Services.GetRequiredService<OutboxEmailSender>().Messages());
        Assert.Contains("To: " + email, told.Text);
        Assert.Contains("locked for 15 minutes", told.Text);

        var outcomes = (await AuditAsync(app)).Where(e => e.Entry.Action == "account.sign-in").Select(e => e.Entry.Outcome).Reverse().ToList();
        Assert.Equal(["failed: wrong password", "failed: wrong password", "failed: wrong password", "failed: wrong password", "locked out", "locked out"], outcomes);
    }

    [Fact]
    public async Task An_unknown_email_and_a_locked_account_cost_a_password_hash_like_a_wrong_password()
    {
        // Hashing is what makes a sign-in slow: an answer that skips it tells, by its speed, which emails have accounts.
        var hasher = new CountingPasswordHasher();
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite), services: s => s.AddSingleton<IPasswordHasher<BraidUser>>(hasher));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = DemoAccounts.Email(Roles.Analyst);

        async Task<int> HashesOfAsync(string who, string password)
        {
            var before = hasher.Verifications;
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignInAsync(client, who, password)).StatusCode);
            return hasher.Verifications - before;
        }

        Assert.Equal(1, await HashesOfAsync(email, "not-the-password"));
        Assert.Equal(1, await HashesOfAsync("nobody@" + DemoAccounts.EmailDomain, "not-the-password"));
        for (var i = 0; i < 4; i++) await HashesOfAsync(email, "not-the-password");
        Assert.Equal(1, await HashesOfAsync(email, BraidApp.DemoPassword)); // locked by now
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<BraidUser>
    {
        private readonly PasswordHasher<BraidUser> inner = new();
        private int verifications;

        public int Verifications => verifications;

        public string HashPassword(BraidUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(BraidUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_sign_in_post_without_the_anti_forgery_token_is_rejected(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.GetStringAsync("/account/sign-in"); // has the anti-forgery cookie, but the form token is left out
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = DemoAccounts.Email(Roles.Navigator),
            ["password"] = BraidApp.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("braid.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_inline_script_and_refuse_framing()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var response = await app.CreateClient().GetAsync("/account/sign-in");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    /// <summary>A client of the app with a staff member signed in (cookie), not following redirects.</summary>
    internal static async Task<HttpClient> SignedInClientAsync(BraidApp app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(client, email, BraidApp.DemoPassword)).StatusCode);
        return client;
    }

    internal static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/sign-in");
        return await client.PostAsync("/account/sign-in", Form(Token(page), ("email", email), ("password", password)));
    }

    /// <summary>A signed-in staff member refused: 403, or sent to the access-denied page.</summary>
    internal static bool Denied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal));

    internal static string Token(string html) => AntiForgeryToken().Match(html).Groups[1].Value;

    internal static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    internal static async Task<List<Braid.Core.Audit.AuditEvent>> AuditAsync(BraidApp app)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        return (await new AuditLog(db, TimeProvider.System).SearchAsync("demo", new AuditQuery { PerPage = 100 })).Events;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryToken();
}
