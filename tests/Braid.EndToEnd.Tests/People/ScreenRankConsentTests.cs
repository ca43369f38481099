using Braid.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.People;

/// <summary>
/// The people issue's "done when": a navigator finds a person despite a typo, screens them in
/// Spanish, the person ranks their needs and consents to a CBO seeing two categories only, and
/// the CBO sees exactly those.
/// </summary>
public sealed class ScreenRankConsentTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Sqlite, MemberType = typeof(E2eServer))]
    public async Task A_navigator_screens_in_Spanish_the_person_ranks_and_consents_and_the_CBO_sees_exactly_that(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=200", "--Braid:DemoPeople=200");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // The CBO worker's organization, as its staff see it.
        var cbo = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(cbo, server.Url, "cbo-staff@demo.braid.example");
        await cbo.GotoAsync(server.Url + "/manage");
        var organization = (await cbo.Locator("h2[translate=no]").First.TextContentAsync())!.Trim();

        // The navigator registers Graciela in Spanish.
        var navigator = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(navigator, server.Url, "navigator@demo.braid.example");
        await navigator.GotoAsync(server.Url + "/people/new?lang=es");
        await navigator.FillAsync("#given_name", "Graciela");
        await navigator.FillAsync("#family_name", "Montoya");
        await navigator.FillAsync("#birth_date", "1979-06-14");
        await navigator.FillAsync("#phone", "410-555-0199");
        await navigator.SelectOptionAsync("#language", "es");
        await navigator.ClickAsync("button[type=submit]:has-text('Registrar')");
        await Expect(navigator.Locator("h1")).ToHaveTextAsync("Graciela Montoya");
        var person = new Uri(navigator.Url).Segments[^1].TrimEnd('/');

        // Later, she is found despite a typo.
        await navigator.GotoAsync(server.Url + "/people?lang=es&name=" + Uri.EscapeDataString("Graciela Montolla"));
        await navigator.ClickAsync($"#people a[href^='/people/{person}']");

        // A screening in Spanish, one question per screen: housing worry, food sometimes, one item declined.
        await navigator.SelectOptionAsync("#instrument", "ahc-hrsn");
        await navigator.ClickAsync("button:has-text('Comenzar')");
        await Expect(navigator.Locator("#question-text")).ToHaveTextAsync("¿Cuál es su situación de vivienda hoy?");
        var inaccessible = new List<string>();
        async Task CheckAsync(IPage page)
        {
            var result = await page.RunAxe();
            inaccessible.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{new Uri(page.Url).AbsolutePath}: {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target))}"));
        }

        await CheckAsync(navigator);
        string?[] answers = ["LA31994-9", "LA9-3", "LA6729-3", null, "LA32-8", "LA32-8", "LA6270-8", "LA6270-8", "LA6270-8", "LA6270-8"];
        foreach (var answer in answers)
        {
            if (answer is null)
            {
                await navigator.ClickAsync("#decline");
                continue;
            }

            await navigator.CheckAsync($"#question input[value='{answer}']");
            await navigator.ClickAsync("#save-answer");
        }

        await navigator.ClickAsync("#complete");
        await CheckAsync(navigator);

        // Graciela accepts both proposed needs and puts housing first.
        await navigator.ClickAsync("#need-food-insecurity button[value=true]");
        await navigator.ClickAsync("#need-housing-instability button[value=true]");
        await navigator.ClickAsync("#need-housing-instability button:has-text('Subir')");
        await Expect(navigator.Locator("#needs ol.needs li").First).ToHaveIdAsync("need-housing-instability");

        // She lets the CBO see her name and her food need, nothing else.
        await navigator.ClickAsync("#add-consent");
        await CheckAsync(navigator);
        await navigator.SelectOptionAsync("#grantee", new SelectOptionValue { Label = organization });
        await navigator.CheckAsync("#categories input[value=Demographics]");
        await navigator.CheckAsync("#categories input[value=FoodInsecurity]");
        await navigator.ClickAsync("#grant");
        await Expect(navigator.Locator("#consents li")).ToHaveCountAsync(1);

        // The CBO worker sees exactly that.
        await cbo.GotoAsync($"{server.Url}/people/{person}");
        await Expect(cbo.Locator("h1")).ToHaveTextAsync("Graciela Montoya");
        await Expect(cbo.Locator("#needs ol.needs li")).ToHaveCountAsync(1);
        await Expect(cbo.Locator("#needs")).ToContainTextAsync("Food insecurity");
        await Expect(cbo.Locator("#person")).Not.ToContainTextAsync("410-555-0199");
        await Expect(cbo.Locator("#withheld")).ToContainTextAsync("housing");
        await Expect(cbo.Locator("#disclosures")).ToHaveCountAsync(0);
        await CheckAsync(cbo);

        // And the navigator's view of the record shows the CBO's read, under her consent.
        await navigator.GotoAsync($"{server.Url}/people/{person}");
        await Expect(navigator.Locator("#disclosures")).ToContainTextAsync(organization);
        await navigator.GotoAsync(server.Url + "/people?lang=es&name=Montoya");
        await CheckAsync(navigator);
        await navigator.GotoAsync(server.Url + "/people/new?lang=es");
        await CheckAsync(navigator);
        await navigator.GotoAsync(server.Url + "/people/import?lang=es");
        await navigator.SetInputFilesAsync("#data", new FilePayload { Name = "roster.csv", MimeType = "text/csv", Buffer = "given_name,family_name,birth_date\nGraciela,Montolla,1979-06-14\nBad,Date,1979-02-30\n"u8.ToArray() });
        await navigator.CheckAsync("#skip_invalid");
        await navigator.ClickAsync("button:has-text('Importar')");
        await Expect(navigator.Locator("#held-back")).ToContainTextAsync("Graciela Montoya");
        await CheckAsync(navigator);
        Assert.True(inaccessible.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", inaccessible.Distinct()));
    }
}
