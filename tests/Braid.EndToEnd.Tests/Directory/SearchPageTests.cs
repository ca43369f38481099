using Braid.Testing;
using Microsoft.Playwright;

namespace Braid.EndToEnd.Tests.Directory;

/// <summary>A person searches in Debian chromium, in Spanish, by keyboard, and opens a service.</summary>
public sealed class SearchPageTests
{
    [Fact]
    public async Task A_person_finds_a_food_pantry_open_now_near_a_zip_in_spanish_and_opens_it()
    {
        // The server's clock starts on a Saturday at 10:00 in Baltimore, when most of the demo's pantries are open.
        await using var server = await WebAppProcess.StartAsync(
            ["--Braid:DataDirectory=" + Path.Combine(Path.GetTempPath(), "braid-e2e-" + Guid.NewGuid().ToString("N")), "--Braid:ClockStartsAt=2026-11-21T10:00:00-05:00"],
            TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } }); // a phone
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(server.Url + "/");

        await page.ClickAsync("#lang-switch");
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
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
        var count = await page.TextContentAsync("#result-count");
        Assert.Contains("servicios encontrados", count);
        foreach (var status in await page.Locator("li.result .status").AllTextContentsAsync())
        {
            Assert.Equal("Abierto ahora", status.Trim());
        }

        var first = page.Locator("li.result").First;
        Assert.Contains("km", await first.Locator(".distance").TextContentAsync());
        Assert.Contains("Español", await first.TextContentAsync());
        var name = (await first.Locator("h2 a").TextContentAsync())!.Trim();

        await first.Locator("h2 a").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/services/**");
        Assert.Equal(name, (await page.TextContentAsync("h1"))!.Trim());
        Assert.Contains("Baltimore, MD", await page.TextContentAsync("#address"));
        Assert.Equal("Abierto ahora", (await page.TextContentAsync("#open-status"))!.Trim());
        Assert.Contains("Verificado", await page.TextContentAsync("#verified"));
    }
}
