using Braid.Testing;
using Microsoft.Playwright;

namespace Braid.EndToEnd.Tests.Equity;

/// <summary>An analyst runs the equity reports in the browser: the demo presets, then a table of their own.</summary>
public sealed class EquityPageTests
{
    private const string Password = "E2e-demo-password-1";

    [Fact]
    public async Task An_analyst_sees_the_planted_disparity_found_the_control_not_and_reports_on_an_uploaded_table()
    {
        await using var server = await WebAppProcess.StartAsync(
            ["--Braid:DataDirectory=" + Path.Combine(Path.GetTempPath(), "braid-e2e-" + Guid.NewGuid().ToString("N")), "--Braid:DemoPassword=" + Password, "--Braid:DemoServices=200"],
            TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync(server.Url + "/account/sign-in");
        await page.FillAsync("#email", "analyst@demo.braid.example");
        await page.FillAsync("#password", Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#signed-in-as");
        await page.GotoAsync(server.Url + "/manage");
        await page.ClickAsync("#equity-link");

        await page.ClickAsync("#preset-demo");
        var verdict = await page.Locator("#equity-report .verdict").First.TextContentAsync();
        Assert.StartsWith("race predicts need_met", verdict);
        Assert.True(await page.Locator("#equity-report svg[role=img] title").CountAsync() >= 1);
        Assert.Contains("Black or African American", await page.TextContentAsync("#equity-report table"));

        await page.ClickAsync("#preset-control");
        Assert.StartsWith("No evidence that race predicts referral_declined", await page.Locator("#equity-report .verdict").First.TextContentAsync());

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
        await page.WaitForSelectorAsync("#equity-report, #equity-error");
        Assert.True(await page.Locator("#equity-error").CountAsync() == 0, await page.Locator("#equity-error").CountAsync() > 0 ? await page.TextContentAsync("#equity-error") : "");
        Assert.Contains("grade predicts met", await page.Locator("#equity-report .verdict").First.TextContentAsync());
        Assert.Contains("from most disadvantaged to most advantaged", await page.Locator("#equity-report figcaption").First.TextContentAsync());
    }
}
