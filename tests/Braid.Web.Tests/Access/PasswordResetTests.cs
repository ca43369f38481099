using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

public sealed partial class PasswordResetTests
{
    [Fact]
    public async Task A_locked_out_person_resets_the_password_from_the_emailed_link_and_signs_in()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = DemoAccounts.Email(Roles.CboStaff);
        for (var i = 0; i < 5; i++) await SignInTests.PostSignInAsync(client, email, "wrong-password-" + i);

        var forgot = await client.GetStringAsync("/account/forgot-password");
        var unknown = await client.PostAsync("/account/forgot-password", SignInTests.Form(SignInTests.Token(forgot), ("email", "nobody@example.org")));
        var sent = await client.PostAsync("/account/forgot-password", SignInTests.Form(SignInTests.Token(forgot), ("email", email)));
        // The same answer either way, so the form cannot be used to find accounts.
        Assert.Contains("a link is on its way", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("a link is on its way", await sent.Content.ReadAsStringAsync());

        var message = Assert.Single(app.Services.GetRequiredService<OutboxEmailSender>().Messages(), m => m.Text.Contains("reset-password", StringComparison.Ordinal));
        Assert.Contains("To: " + email, message.Text);
        var link = new Uri(ResetLink().Match(message.Text).Value);

        var page = await client.GetStringAsync(link.PathAndQuery);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var weak = await client.PostAsync("/account/reset-password", SignInTests.Form(SignInTests.Token(page), ("email", query["email"]!), ("token", query["token"]!), ("password", "short")));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync());

        var done = await client.PostAsync("/account/reset-password", SignInTests.Form(SignInTests.Token(page), ("email", query["email"]!), ("token", query["token"]!), ("password", "A-new-password-2026")));
        Assert.Contains("Your password is changed", await done.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.PostSignInAsync(client, email, "A-new-password-2026")).StatusCode);

        var reused = await client.PostAsync("/account/reset-password", SignInTests.Form(SignInTests.Token(await client.GetStringAsync("/")), ("email", query["email"]!), ("token", query["token"]!), ("password", "Another-password-2026")));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode); // a reset link works once
    }

    [GeneratedRegex(@"http://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
