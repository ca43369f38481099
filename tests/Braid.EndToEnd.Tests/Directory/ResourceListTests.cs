using Braid.Testing;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.Directory;

/// <summary>
/// A navigator, by keyboard alone, browses to food services, passes the map's pins, ticks two
/// results into a list in Spanish and texts it; the person opens the short link, without
/// JavaScript, and reads the two services in Spanish.
/// </summary>
public sealed class ResourceListTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Postgres, MemberType = typeof(E2eServer))]
    public async Task By_keyboard_alone_a_navigator_searches_and_texts_a_Spanish_list_that_opens_without_JavaScript(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=200", "--Braid:OutboxPollSeconds=0.2", "--environment=Development");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(page, server.Url, "navigator@demo.braid.example");

        await page.GotoAsync(server.Url + "/?lang=en");
        await E2eServer.TabToAsync(page, "#browse a[href*='need=food-insecurity']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#result-count")).ToBeVisibleAsync();
        await E2eServer.TabToAsync(page, ".results-map a.pin >> nth=0"); // the map's pins are in the Tab order, before the list
        var first = await page.Locator(".result h2").Nth(0).TextContentAsync();
        var second = await page.Locator(".result h2").Nth(1).TextContentAsync();
        await E2eServer.TabToAsync(page, ".result >> nth=0 >> input[name=sal]");
        await page.Keyboard.PressAsync("Space");
        await E2eServer.TabToAsync(page, ".result >> nth=1 >> input[name=sal]");
        await page.Keyboard.PressAsync("Space");
        await E2eServer.TabToAsync(page, "#pick-list");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#picked li")).ToHaveCountAsync(2);
        await E2eServer.TabToAsync(page, "#language");
        await page.Keyboard.TypeAsync("Esp"); // a closed list box picks the option its typed letters begin
        await Expect(page.Locator("#language")).ToHaveValueAsync("es");
        await E2eServer.TabToAsync(page, "#make");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#short-link")).ToBeVisibleAsync();
        await E2eServer.TabToAsync(page, "#to");
        await page.Keyboard.TypeAsync("(410) 555-0177");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#list-sent")).ToBeVisibleAsync();

        var text = await E2eServer.MessageToAsync(browser, server.Url, "4105550177");
        Assert.Contains("los servicios de los que hablamos", text);
        var link = Regex.Match(text, @"https?://\S+/l/[a-z0-9]{8}").Value;
        Assert.NotEmpty(link);

        await using var phone = await browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 320, Height = 640 } });
        var person = await phone.NewPageAsync();
        await person.GotoAsync(server.Url + new Uri(link).AbsolutePath);
        await Expect(person.Locator("h1")).ToHaveTextAsync("Servicios para usted");
        await Expect(person.Locator("#list-services > li h2")).ToHaveTextAsync([first!.Trim(), second!.Trim()]);
        await Expect(person.Locator("#list-services dt").First).ToHaveTextAsync("Dirección");
    }
}
