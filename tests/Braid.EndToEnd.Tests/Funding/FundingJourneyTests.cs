using Braid.Testing;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.Funding;

/// <summary>The intermediary allocates the month of services left open to the funding streams, and a funder reads what its stream paid for.</summary>
public sealed partial class FundingJourneyTests
{
    private static decimal Dollars(string text) => decimal.Parse(text.Trim(), NumberStyles.Currency, CultureInfo.GetCultureInfo("en-US"));

    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Postgres, MemberType = typeof(E2eServer))]
    public async Task The_intermediary_allocates_a_month_and_the_funder_reads_its_report(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=200", "--Braid:DemoPeople=600");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // The funder's report before.
        var funder = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(funder, server.Url, "funder@demo.braid.example");
        await funder.GotoAsync(server.Url + "/manage");
        await funder.ClickAsync("#funding-link");
        await funder.ClickAsync("#streams a");
        var streamUrl = funder.Url;
        var spentBefore = Dollars(await funder.InnerTextAsync("#spent"));

        // The intermediary allocates the open month.
        var finance = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(finance, server.Url, "finance@demo.braid.example");
        await finance.GotoAsync(server.Url + "/manage");
        await finance.ClickAsync("#funding-link");
        var allocate = finance.Locator("#months button:has-text('Allocate')");
        await Expect(allocate).ToHaveCountAsync(1);
        var month = (await allocate.GetAttributeAsync("aria-label"))!.Split(' ')[1];
        var row = finance.Locator($"#month-{month} td");
        var services = int.Parse(await row.Nth(2).InnerTextAsync(), CultureInfo.InvariantCulture);
        var healthPlan = finance.Locator("#streams tr:has(a[href*='demo-health-plan']) td").Nth(4);
        var remainingBefore = Dollars(await healthPlan.InnerTextAsync());
        await allocate.ClickAsync();
        await Expect(finance.Locator("#funding-message")).ToContainTextAsync("Allocated");
        var done = Allocated().Match(await finance.InnerTextAsync("#funding-message"));
        Assert.Equal(services, int.Parse(done.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(done.Groups[2].Value, CultureInfo.InvariantCulture));
        await Expect(finance.Locator("#months button:has-text('Allocate')")).ToHaveCountAsync(done.Groups[2].Value == "0" ? 0 : 1);

        // Each line of the month says where it stands; none is left without a reason.
        await finance.ClickAsync($"#month-{month} a");
        await Expect(finance.Locator("#invoices .invoice").First).ToBeVisibleAsync();
        Assert.Equal(0, await finance.Locator("#invoices td:has-text('Not allocated')").CountAsync());
        var remainingForFinance = Dollars(await healthPlan.InnerTextAsync());

        // The funder's report after: spent and remaining add up to what was committed, and agree with the intermediary's books.
        await funder.GotoAsync(streamUrl);
        var (committed, spent, remaining) = (Dollars(await funder.InnerTextAsync("#committed")), Dollars(await funder.InnerTextAsync("#spent")), Dollars(await funder.InnerTextAsync("#remaining")));
        Assert.Equal(committed, spent + remaining);
        Assert.Equal(remainingForFinance, remaining);
        Assert.Equal(remainingBefore - remaining, spent - spentBefore);
        await Expect(funder.Locator("#by-need")).ToContainTextAsync("Food insecurity");

        var download = await funder.RunAndWaitForDownloadAsync(() => funder.ClickAsync("#report-csv"));
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        var total = csv.Select(l => l.Split(',')).Single(f => f[2] == "total");
        Assert.Equal(spent, decimal.Parse(total[6], CultureInfo.InvariantCulture));
        Assert.Equal(remaining, decimal.Parse(total[8], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("Allocated ([0-9]+) services braided and 0 blended, [^;]+; ([0-9]+) fit no stream")]
    private static partial Regex Allocated();
}
