using System.Text.RegularExpressions;
using Braid.Testing;
using Microsoft.Playwright;

namespace Braid.EndToEnd.Tests;

/// <summary>Braid.Web on a fresh database of the given engine, and Debian chromium to drive it.</summary>
public static class E2eServer
{
    public const string Password = "E2e-demo-password-1";

    /// <summary>
    /// The engine a journey runs on: each journey takes one, the two taken in turn, since what
    /// differs by engine lies beneath the pages and Braid.Web.Tests tests it on both;
    /// <c>BRAID_E2E_BOTH_ENGINES=1</c> runs every journey on both.
    /// </summary>
    public static TheoryData<string> On(string engine) =>
        Environment.GetEnvironmentVariable("BRAID_E2E_BOTH_ENGINES") == "1" ? new(TestDatabases.Providers) : new(engine);

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
    public static Task<string> CodeSentToAsync(IBrowser browser, string url, string contact) =>
        FirstMessageAsync(browser, url, contact, text => Regex.Match(text, @"\b[0-9]{6}\b") is { Success: true } code ? code.Value : null);

    /// <summary>The text of the newest message to the recipient in the development outbox.</summary>
    public static Task<string> MessageToAsync(IBrowser browser, string url, string recipient) =>
        FirstMessageAsync(browser, url, "To: " + recipient, text => text);

    /// <summary>A page of its own, signed in as the community administrator, who alone may read the development outbox.</summary>
    public static async Task<IPage> OutboxReaderAsync(IBrowser browser, string url)
    {
        var mail = await PageAsync(browser);
        await SignInAsync(mail, url, "community-admin@demo.braid.example");
        return mail;
    }

    private static async Task<string> FirstMessageAsync(IBrowser browser, string url, string hasText, Func<string, string?> pick)
    {
        var mail = await OutboxReaderAsync(browser, url);
        for (var i = 0; i < 60; i++)
        {
            await mail.GotoAsync(url + "/dev/outbox");
            if ((await mail.Locator("article").Filter(new() { HasText = hasText }).AllTextContentsAsync()).Select(pick).FirstOrDefault(p => p is not null) is { } found)
            {
                await mail.CloseAsync();
                return found;
            }

            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException($"Nothing reached {hasText}.");
    }

    /// <summary>Presses Tab until the element is focused: proof it is reached by keyboard, in the page's order.</summary>
    public static async Task TabToAsync(IPage page, string selector, int most = 200)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }

        throw new Xunit.Sdk.XunitException($"{selector} on {page.Url} was not reached in {most} presses of Tab.");
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
