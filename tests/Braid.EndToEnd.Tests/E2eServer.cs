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
        await WebAppProcess.StartAsync(
            ["--ConnectionStrings:Braid=" + await TestDatabases.CreateEmptyAsync(provider), "--Braid:DemoPassword=" + Password,
             "--Braid:DataDirectory=" + Path.Combine(Path.GetTempPath(), "braid-e2e-" + Guid.NewGuid().ToString("N")), .. settings],
            TimeSpan.FromSeconds(90));

    public static async Task<IPage> PageAsync(IBrowser browser, BrowserNewPageOptions? options = null)
    {
        var page = await browser.NewPageAsync(options);
        page.SetDefaultTimeout(60_000);
        return page;
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
