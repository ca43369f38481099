using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.People;

/// <summary>
/// The person's own door in a phone's browser with JavaScript off: a person signs up in Spanish
/// with the code sent to their email, screens themself, takes up the need their answers show, and
/// downloads their record; axe finds nothing serious on any of the portal's pages.
/// </summary>
public sealed partial class PortalTests
{
    [Theory, MemberData(nameof(E2eServer.Providers), MemberType = typeof(E2eServer))]
    public async Task A_person_signs_up_in_Spanish_screens_themself_and_takes_up_a_need_on_a_phone_without_JavaScript(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=200", "--Braid:DemoPeople=100", "--Braid:OutboxPollSeconds=0.2",
            "--environment=Development"); // the development outbox stands in for Rosa's mailbox
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var phone = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, JavaScriptEnabled = false, HasTouch = true });
        var page = await phone.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var inaccessible = new List<string>();
        async Task CheckAsync()
        {
            // axe runs its script in the page: a context of its own, with JavaScript on, reads the same address.
            await using var checker = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, StorageState = await phone.StorageStateAsync() });
            var copy = await checker.NewPageAsync();
            await copy.GotoAsync(page.Url);
            var result = await copy.RunAxe();
            inaccessible.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{new Uri(page.Url).AbsolutePath}: {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target))}"));
        }

        await page.GotoAsync(server.Url + "/me/sign-in?lang=es");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Abra su expediente");
        await CheckAsync();
        await page.FillAsync("#contact", "rosa.quispe@example.org");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#code-sent")).ToContainTextAsync("r…@example.org");
        await CheckAsync();

        // The code arrives by email; in development the outbox shows it.
        var mail = await E2eServer.PageAsync(browser);
        string? code = null;
        for (var i = 0; i < 60 && code is null; i++)
        {
            await mail.GotoAsync(server.Url + "/dev/outbox");
            var text = await mail.Locator("article").Filter(new() { HasText = "rosa.quispe@example.org" }).AllTextContentsAsync();
            code = text.Select(t => SixDigits().Match(t)).FirstOrDefault(m => m.Success)?.Value;
            if (code is null) await Task.Delay(500);
        }

        Assert.NotNull(code);
        await page.FillAsync("#code", code);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bienvenido");
        await CheckAsync();
        await page.FillAsync("#given-name", "Rosa");
        await page.FillAsync("#family-name", "Quispe");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#portal-greeting")).ToContainTextAsync("Rosa Quispe");
        await CheckAsync();

        // She screens herself: food ran out often, and she worried it would.
        await page.SelectOptionAsync("#instrument", "hunger-vital-sign");
        await page.ClickAsync("#screenings button[type=submit]");
        for (var i = 0; i < 2; i++)
        {
            await Expect(page.Locator("#question-text")).ToBeVisibleAsync();
            if (i == 0) await CheckAsync();
            await page.Locator("#question input[type=radio]").First.CheckAsync();
            await page.ClickAsync("#save-answer");
        }

        await page.ClickAsync("#complete");
        await Expect(page.Locator("#need-food-insecurity")).ToBeVisibleAsync();
        await page.ClickAsync("#need-food-insecurity button[value=true]");
        await Expect(page.Locator("#need-food-insecurity .status")).ToHaveTextAsync("necesidad de la persona");
        await CheckAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var bundle = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("\"resourceType\":\"Bundle\"", bundle);
        Assert.Contains("\"family\":\"Quispe\"", bundle);

        Assert.True(inaccessible.Count == 0, "axe found:\n" + string.Join("\n", inaccessible));
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();
}
