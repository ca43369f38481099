using System.Text.RegularExpressions;
using Braid.Testing;
using Microsoft.Playwright;

namespace Braid.EndToEnd.Tests;

/// <summary>Braid.Web on a fresh database of the given engine, and Debian chromium to drive it.</summary>
public static class E2eServer
{
    public const string Password = "E2e-demo-password-1";

    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    static E2eServer()
    {
        // CI machines run the other test assemblies at the same time: auto-retrying expectations get a minute.
        Assertions.SetDefaultExpectTimeout(60_000);
    }

    public static async Task<WebAppProcess> StartAsync(string provider, params string[] settings) =>
        await StartOnAsync(await TestDatabases.CreateEmptyAsync(provider), settings);

    /// <summary>Braid on the given empty database, for a test that also reads what the demo seeded there.</summary>
    public static async Task<WebAppProcess> StartOnAsync(string database, params string[] settings) =>
        await WebAppProcess.StartAsync(
            ["--ConnectionStrings:Braid=" + database, "--Braid:DemoPassword=" + Password,
             "--Braid:DataDirectory=" + Path.Combine(Path.GetTempPath(), "braid-e2e-" + Guid.NewGuid().ToString("N")), .. settings],
            TimeSpan.FromSeconds(90));

    public static async Task<IPage> PageAsync(IBrowser browser, BrowserNewPageOptions? options = null)
    {
        var page = await browser.NewPageAsync(options);
        page.SetDefaultTimeout(60_000);
        return page;
    }

    /// <summary>The six-digit code last written to the contact in the development outbox (the server runs as Development).</summary>
    public static async Task<string> CodeSentToAsync(IBrowser browser, string url, string contact)
    {
        var mail = await PageAsync(browser);
        for (var i = 0; i < 60; i++)
        {
            await mail.GotoAsync(url + "/dev/outbox");
            var text = await mail.Locator("article").Filter(new() { HasText = contact }).AllTextContentsAsync();
            if (text.Select(t => Regex.Match(t, @"\b[0-9]{6}\b")).FirstOrDefault(m => m.Success) is { } code)
            {
                await mail.CloseAsync();
                return code.Value;
            }

            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException($"No code reached {contact}.");
    }

    public static async Task SignInAsync(IPage page, string url, string email)
    {
        await page.GotoAsync(url + "/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();
    }
}
