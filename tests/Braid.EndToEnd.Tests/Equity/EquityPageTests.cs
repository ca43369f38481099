using Braid.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.Equity;

/// <summary>An analyst runs the equity reports in the browser: the demo presets, then a table of their own.</summary>
public sealed class EquityPageTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Sqlite, MemberType = typeof(E2eServer))]
    public async Task An_analyst_sees_the_planted_disparity_found_the_control_not_and_reports_on_an_uploaded_table(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=200");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await E2eServer.PageAsync(browser);

        await E2eServer.SignInAsync(page, server.Url, "analyst@demo.braid.example");
        await page.GotoAsync(server.Url + "/manage");
        await page.ClickAsync("#equity-link");

        await page.ClickAsync("#preset-demo");
        await Expect(page.Locator("#equity-report .verdict").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^race predicts need_met"));
        await Expect(page.Locator("#equity-report svg[role=img] title").First).ToBeAttachedAsync();
        await Expect(page.Locator("#equity-report table").First).ToContainTextAsync("Black or African American");

        await page.ClickAsync("#preset-control");
        await Expect(page.Locator("#equity-report .verdict").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^No evidence that race predicts referral_declined"));

        var csv = Path.Combine(Path.GetTempPath(), $"braid-e2e-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(csv, ["grade,met", .. Enumerable.Range(0, 60).Select(i => $"A,{(i < 40 ? 1 : 0)}"), .. Enumerable.Range(0, 60).Select(i => $"D,{(i < 20 ? 1 : 0)}")]);
        await page.SetInputFilesAsync("#data", csv);
        await page.FillAsync("#outcome", "met");
        await page.FillAsync("#by", "grade");
        await page.FillAsync("#order", "D,A");
        await page.FillAsync("#reference", "");
        await page.FillAsync("#adjust", "");
        await page.FillAsync("#period", "");
        await page.ClickAsync("button[type=submit]:has-text('Run the report')");
        await Expect(page.Locator("#equity-error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#equity-report .verdict").First).ToContainTextAsync("grade predicts met");
        await Expect(page.Locator("#equity-report figcaption").First).ToContainTextAsync("from most disadvantaged to most advantaged");
    }
}
