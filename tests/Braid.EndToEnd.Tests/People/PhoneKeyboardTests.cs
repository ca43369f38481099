using Braid.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.People;

/// <summary>
/// The people pages as a navigator in the field uses them: on a phone, with JavaScript off, by
/// keyboard alone. Every page fits the phone's width: nothing to scroll sideways (a wide table
/// scrolls in its own box).
/// </summary>
public sealed class PhoneKeyboardTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Sqlite, MemberType = typeof(E2eServer))]
    public async Task On_a_phone_without_JavaScript_a_navigator_registers_screens_and_consents_by_keyboard_alone(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=200", "--Braid:DemoPeople=200");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var phone = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, JavaScriptEnabled = false, HasTouch = true });
        var page = await phone.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await E2eServer.SignInAsync(page, server.Url, "navigator@demo.braid.example");
        var tooWide = new List<string>();
        async Task FitsAsync()
        {
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            var (content, screen) = (widths[0], widths[1]);
            if (content <= screen) return;
            // The innermost elements that stick out say what to fix.
            var culprits = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                                 && ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))
                """);
            tooWide.Add($"{new Uri(page.Url).PathAndQuery}: {content} px wide on a {screen} px screen ({string.Join(", ", culprits)})");
        }

        // Register by keyboard: type, Tab to the next field, Enter submits.
        await page.GotoAsync(server.Url + "/people/new?lang=es");
        await FitsAsync();
        await page.FocusAsync("#given_name");
        await page.Keyboard.TypeAsync("Rosa");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#family_name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Quispe");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Rosa Quispe");
        await FitsAsync();
        var person = new Uri(page.Url).Segments[^1].TrimEnd('/');

        // Start the Hunger Vital Sign and answer its first question: arrows pick, Space checks, Enter saves.
        await page.FocusAsync("#instrument");
        await page.SelectOptionAsync("#instrument", "hunger-vital-sign");
        await page.Keyboard.PressAsync("Tab");       // the screening's language
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#question-text")).ToBeVisibleAsync();
        await FitsAsync();
        var first = page.Locator("#question input[type=radio]").First;
        await first.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(first).ToBeCheckedAsync();
        await page.FocusAsync("#save-answer");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#back")).ToBeVisibleAsync();
        await FitsAsync();

        foreach (var path in new[] { "/people?lang=es", "/people?lang=es&name=Rosa%20Quispa", $"/people/{person}?lang=es", $"/people/{person}/consent?lang=es", "/people/import?lang=es" })
        {
            await page.GotoAsync(server.Url + path);
            await FitsAsync();
        }

        await Expect(page.Locator("h1")).ToHaveTextAsync("Importar personas");
        Assert.True(tooWide.Count == 0, "Pages wider than the phone:\n" + string.Join("\n", tooWide));
    }
}
