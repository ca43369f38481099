using Braid.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.People;

/// <summary>
/// The person's own door in a phone's browser with JavaScript off: a person signs up in Spanish
/// with the code sent to their email, screens themself, takes up the need their answers show, adds
/// and ranks another, asks a food pantry for help themself, takes back the consent that gave, sees
/// in their log that the pantry read it, and downloads their record; axe finds nothing serious on
/// any of the portal's pages.
/// </summary>
public sealed class PortalTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Postgres, MemberType = typeof(E2eServer))]
    public async Task A_person_signs_up_in_Spanish_screens_themself_refers_themself_to_a_pantry_and_sees_it_read_on_a_phone_without_JavaScript(string provider)
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
        var code = await E2eServer.CodeSentToAsync(browser, server.Url, "rosa.quispe@example.org");
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
        await Expect(page.Locator("#need-food-insecurity .status")).ToHaveTextAsync("quiere ayuda con esto");
        await CheckAsync();

        // She adds that getting around is hard too, and puts it first.
        await page.SelectOptionAsync("#category", "transportation-insecurity");
        await page.ClickAsync("form:has(#category) button[type=submit]");
        await Expect(page.Locator("#need-transportation-insecurity")).ToBeVisibleAsync();
        await page.ClickAsync("#need-transportation-insecurity form button[type=submit]");
        await Expect(page.Locator("ol.needs > li").First).ToHaveIdAsync("need-transportation-insecurity");

        // She asks the food pantry for help herself, by keyboard alone; sending it is her consent to share what it carries.
        await E2eServer.TabToAsync(page, "#ask-food-insecurity");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#what-it-shares")).ToContainTextAsync("consentimiento");
        await CheckAsync();
        await E2eServer.TabToAsync(page, "#services label:has-text('Food Pantry') input >> nth=0");
        await page.Keyboard.PressAsync("Space");
        await E2eServer.TabToAsync(page, "#send-referral");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#referrals li")).ToContainTextAsync(["Food Pantry"]);
        await Expect(page.Locator("#referrals li .status")).ToHaveTextAsync("Solicitada");
        await CheckAsync();

        // The pantry opens her request and sees who she is and how to reach her.
        await using var pantryContext = await browser.NewContextAsync();
        var pantry = await pantryContext.NewPageAsync();
        await E2eServer.SignInAsync(pantry, server.Url, "cbo-staff@demo.braid.example");
        await pantry.GotoAsync(server.Url + "/referrals");
        await pantry.ClickAsync("a:text('Rosa Quispe')");
        await Expect(pantry.Locator("#referral-person")).ToContainTextAsync("Rosa Quispe");

        // She takes the consent back, and her log shows the pantry's worker read her request.
        await page.GotoAsync(server.Url + "/me?lang=es");
        await page.ClickAsync("#consents form button[type=submit]");
        await Expect(page.Locator("#consents li .status")).ToContainTextAsync("revocado");
        await Expect(page.Locator("#disclosures tbody")).ToContainTextAsync("Carlos CBO Staff");
        await Expect(page.Locator("#disclosures tbody")).ToContainTextAsync("Compartido por derivación");
        await CheckAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var bundle = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("\"resourceType\":\"Bundle\"", bundle);
        Assert.Contains("\"family\":\"Quispe\"", bundle);

        Assert.True(inaccessible.Count == 0, "axe found:\n" + string.Join("\n", inaccessible));
    }
}
