using Braid.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.Directory;

/// <summary>A person searches in Debian chromium, in Spanish, by keyboard, and opens a service.</summary>
public sealed class SearchPageTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Sqlite, MemberType = typeof(E2eServer))]
    public async Task A_person_finds_a_food_pantry_open_now_near_a_zip_in_spanish_and_opens_it(string provider)
    {
        // The server's clock starts on a Saturday at 10:00 in Baltimore, when most of the demo's pantries are open.
        await using var server = await E2eServer.StartAsync(provider, "--Braid:ClockStartsAt=2026-11-21T10:00:00-05:00");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await E2eServer.PageAsync(browser, new() { ViewportSize = new() { Width = 390, Height = 844 } }); // a phone
        await page.GotoAsync(server.Url + "/");

        await page.ClickAsync("#lang-switch");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await page.SelectOptionAsync("#need", "food-insecurity");
        await page.FillAsync("#zip", "21217");
        await page.FillAsync("#radius", "5");
        await page.SelectOptionAsync("#language", "es");
        await page.FocusAsync("#open_now");
        await page.Keyboard.PressAsync("Space");
        await page.FillAsync("#q", "pantry");
        await page.FocusAsync("#q");
        await page.Keyboard.PressAsync("Enter"); // submit by keyboard

        await page.WaitForURLAsync("**/search?**");
        await Expect(page.Locator("#result-count")).ToContainTextAsync("servicios encontrados");
        foreach (var status in await page.Locator("li.result .status").AllTextContentsAsync())
        {
            Assert.Equal("Abierto ahora", status.Trim());
        }

        var first = page.Locator("li.result").First;
        await Expect(first.Locator(".distance")).ToContainTextAsync("km");
        await Expect(first).ToContainTextAsync("Español");
        var name = (await first.Locator("h2 a").TextContentAsync())!.Trim();

        await first.Locator("h2 a").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/services/**");
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("dd.address")).ToContainTextAsync("Baltimore, MD");
        await Expect(page.Locator("#open-status")).ToHaveTextAsync("Abierto ahora");
        await Expect(page.Locator("#verified")).ToContainTextAsync("Verificado");
    }
}
