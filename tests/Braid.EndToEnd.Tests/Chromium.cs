using Microsoft.Playwright;

namespace Braid.EndToEnd.Tests;

/// <summary>Debian's chromium, headless, as the browser tests drive it (Playwright's own browser download is not available here).</summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}
