using Braid.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.Listings;

/// <summary>A community-based organization keeps its own listing true, and navigators see it at once.</summary>
public sealed class EditListingTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Postgres, MemberType = typeof(E2eServer))]
    public async Task A_cbo_admin_edits_hours_and_a_navigators_search_shows_them_verified_today(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=400");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // The organization's administrator signs in and opens the first of its listings.
        var admin = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(admin, server.Url, "org-admin@demo.braid.example");
        await admin.GotoAsync(server.Url + "/manage");
        var edit = await admin.Locator("ul.listings li a", new() { HasText = "Edit" }).First.GetAttributeAsync("href");
        await admin.GotoAsync(server.Url + edit);
        var salId = new Uri(admin.Url).Segments[^1].TrimEnd('/');
        var serviceName = await admin.InputValueAsync("#name");
        var zip = await admin.InputValueAsync("#postal_code");

        // New hours: Sundays 13:00 to 15:00 only.
        foreach (var day in new[] { "MO", "TU", "WE", "TH", "FR", "SA", "SU" })
        {
            await admin.FillAsync($"#opens-{day}", "");
            await admin.FillAsync($"#closes-{day}", "");
        }

        await admin.FillAsync("#opens-SU", "13:00");
        await admin.FillAsync("#closes-SU", "15:00");
        await admin.ClickAsync("button[type=submit]:has-text('Save')");
        await Expect(admin.Locator("#saved, #form-errors")).ToBeVisibleAsync();
        await Expect(admin.Locator("#form-errors")).ToHaveCountAsync(0);
        await admin.ClickAsync("text=History");
        await Expect(admin.Locator("#history")).ToContainTextAsync("SU 13:00–15:00");

        // A navigator, in another session, searches near the listing's ZIP and sees the change.
        var navigator = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(navigator, server.Url, "navigator@demo.braid.example");
        var result = navigator.Locator("li.result", new() { Has = navigator.Locator($"a[href^='/services/{salId}']") });
        string? text = null;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await navigator.GotoAsync($"{server.Url}/search?zip={zip}&radius_km=3&q={Uri.EscapeDataString(serviceName)}&per_page=100");
            text = await result.CountAsync() > 0 ? await result.First.TextContentAsync() : null;
            if (text?.Contains("Sun: 13:00–15:00", StringComparison.Ordinal) == true) break;
            await Task.Delay(500); // the search snapshot refreshes within a second of a change
        }

        Assert.Contains("Sun: 13:00–15:00", text);
        Assert.Contains("Verified today", text);
    }
}
