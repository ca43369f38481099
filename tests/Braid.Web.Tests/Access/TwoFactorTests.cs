using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Braid.Web.Tests.Access;

public sealed partial class TwoFactorTests
{
    [Fact]
    public void The_test_authenticator_matches_the_RFC_6238_reference_vectors()
    {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890"; 8-digit codes.
        var secret = "12345678901234567890"u8.ToArray();
        Assert.Equal("94287082", Totp(secret, 59, 8));
        Assert.Equal("07081804", Totp(secret, 1111111109, 8));
        Assert.Equal("89005924", Totp(secret, 1234567890, 8));
        Assert.Equal("65353130", Totp(secret, 20000000000, 8));
    }

    [Fact]
    public async Task With_two_step_sign_in_on_the_password_alone_is_not_enough_and_a_code_works_once()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = DemoAccounts.Email(Roles.CommunityAdmin);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.PostSignInAsync(client, email, BraidApp.DemoPassword)).StatusCode);

        var setup = await client.GetStringAsync("/account/security");
        var key = Base32(AuthenticatorKey().Match(setup).Groups[1].Value);
        var wrong = await client.PostAsync("/account/security?handler=Enable", SignInTests.Form(SignInTests.Token(setup), ("code", "000000")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enable = await client.PostAsync("/account/security?handler=Enable", SignInTests.Form(SignInTests.Token(setup), ("code", Totp(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 6))));
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);

        var fresh = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var passwordOnly = await SignInTests.PostSignInAsync(fresh, email, BraidApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.Contains("The authenticator code is not right.", await passwordOnly.Content.ReadAsStringAsync());

        // The next step's code (the one that enabled it is spent), once; the same code again is refused (ASVS 2.8.4).
        var code = Totp(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 30, 6);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithCodeAsync(fresh, email, code)).StatusCode);
        var replayed = await SignInWithCodeAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), email, code);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("The authenticator code is not right.", await replayed.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> SignInWithCodeAsync(HttpClient client, string email, string code)
    {
        var page = await client.GetStringAsync("/account/sign-in");
        return await client.PostAsync("/account/sign-in", SignInTests.Form(SignInTests.Token(page), ("email", email), ("password", BraidApp.DemoPassword), ("code", code)));
    }

    /// <summary>RFC 6238 TOTP with HMAC-SHA-1 and 30-second steps, written from the RFC for this test.</summary>
    private static string Totp(byte[] secret, long unixSeconds, int digits)
    {
        var counter = BitConverter.GetBytes(unixSeconds / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % (int)Math.Pow(10, digits)).ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 (the authenticator key's encoding).</summary>
    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }

    [GeneratedRegex("<code id=\"authenticator-key\">([A-Z2-7]+)</code>")]
    private static partial Regex AuthenticatorKey();
}
