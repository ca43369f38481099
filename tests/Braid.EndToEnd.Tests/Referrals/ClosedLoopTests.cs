using Braid.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Braid.EndToEnd.Tests.Referrals;

/// <summary>
/// The referral issue's "done when": a navigator refers a screened person to a food pantry, the
/// pantry's staff accept it in their inbox and complete it with the need met, and the navigator
/// (on the person's record) and the person (by email, in their language) each see the loop closed.
/// </summary>
public sealed class ClosedLoopTests
{
    [Theory, MemberData(nameof(E2eServer.On), TestDatabases.Postgres, MemberType = typeof(E2eServer))]
    public async Task A_navigator_refers_to_a_food_pantry_the_pantry_accepts_and_completes_and_both_sides_see_the_loop_closed(string provider)
    {
        await using var server = await E2eServer.StartAsync(provider, "--Braid:DemoServices=200", "--Braid:DemoPeople=100", "--Braid:OutboxPollSeconds=0.2",
            "--environment=Development"); // the development outbox stands in for Marisol's mailbox
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // The pantry, as its staff see their organization.
        var pantry = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(pantry, server.Url, "cbo-staff@demo.braid.example");
        await pantry.GotoAsync(server.Url + "/manage");
        var organization = (await pantry.Locator("h2[translate=no]").First.TextContentAsync())!.Trim();

        // The navigator registers Marisol, who reads email in Spanish, and screens her for hunger.
        var navigator = await E2eServer.PageAsync(browser);
        await E2eServer.SignInAsync(navigator, server.Url, "navigator@demo.braid.example");
        await navigator.GotoAsync(server.Url + "/people/new");
        await navigator.FillAsync("#given_name", "Marisol");
        await navigator.FillAsync("#family_name", "Reyes");
        await navigator.FillAsync("#birth_date", "1988-02-03");
        await navigator.FillAsync("#email", "marisol@example.org");
        await navigator.SelectOptionAsync("#preferred_channel", "Email");
        await navigator.SelectOptionAsync("#language", "es");
        await navigator.ClickAsync("form.person-form button[type=submit]");
        await Expect(navigator.Locator("h1")).ToHaveTextAsync("Marisol Reyes");
        var person = new Uri(navigator.Url).Segments[^1].TrimEnd('/');
        await navigator.SelectOptionAsync("#instrument", "hunger-vital-sign");
        await navigator.SelectOptionAsync("#screening-language", "en");
        await navigator.ClickAsync("button:has-text('Start')");
        foreach (var answer in new[] { "LA6729-3", "LA28397-0" })
        {
            await navigator.CheckAsync($"#question input[value='{answer}']");
            await navigator.ClickAsync("#save-answer");
        }

        await navigator.ClickAsync("#complete");
        await navigator.ClickAsync("#need-food-insecurity button[value=true]");

        // She lets the pantry know who she is, how to reach her and that she needs food; then the navigator refers her.
        await navigator.ClickAsync("#add-consent");
        await navigator.SelectOptionAsync("#grantee", new SelectOptionValue { Label = organization });
        foreach (var category in new[] { "Demographics", "Contact", "FoodInsecurity" }) await navigator.CheckAsync($"#categories input[value={category}]");
        await navigator.ClickAsync("#grant");
        await navigator.GotoAsync($"{server.Url}/people/{person}");
        await navigator.ClickAsync("#need-food-insecurity a.refer");
        await navigator.CheckAsync($"#service label:has-text('Food Pantry · {organization}') input");
        await navigator.FillAsync("#note", "Mornings are best");
        await navigator.ClickAsync("#send-referral");
        await Expect(navigator.Locator("#referral-status")).ToHaveTextAsync("Requested");
        var referral = new Uri(navigator.Url).AbsolutePath;

        // The pantry finds it in its inbox, accepts it, and completes it with the need met.
        await pantry.GotoAsync(server.Url + "/referrals");
        await pantry.ClickAsync($"a[href^='{referral}']");
        await pantry.CheckAsync("#to input[value=accepted]");
        await pantry.ClickAsync("#move");
        await Expect(pantry.Locator("#referral-status")).ToHaveTextAsync("Accepted");
        await pantry.FillAsync("#service-delivered", "Groceries for a week");
        await pantry.CheckAsync("#need-met-choice input[value=Yes]");
        await pantry.ClickAsync("#complete-referral");
        await Expect(pantry.Locator("#referral-status")).ToHaveTextAsync("Completed");

        // The navigator sees the loop closed on Marisol's record; her food need is met.
        await navigator.GotoAsync($"{server.Url}/people/{person}");
        await Expect(navigator.Locator("#referrals")).ToContainTextAsync("Completed");
        await Expect(navigator.Locator("#referrals")).ToContainTextAsync("Yes");
        await Expect(navigator.Locator("#need-food-insecurity")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("need-met"));

        // Marisol was told at each step, in Spanish, by email: sent, accepted, complete; and asked, with a link, what she thought of the help.
        var mail = await E2eServer.OutboxReaderAsync(browser, server.Url);
        var toMarisol = mail.Locator("article.message", new() { HasText = "To: marisol@example.org" });
        for (var look = 0; look < 60; look++)
        {
            await mail.GotoAsync(server.Url + "/dev/outbox");
            if (await toMarisol.CountAsync() >= 4) break;
            await Task.Delay(500); // the outbox is sent within a poll or two; this waits for it, it measures nothing
        }

        await Expect(toMarisol).ToHaveCountAsync(4);
        await Expect(toMarisol.Filter(new() { HasText = "Su referido a Food Pantry está completo" })).ToHaveCountAsync(1);
        await Expect(toMarisol.Filter(new() { HasText = "¿Cómo fue la ayuda de Food Pantry?" })).ToHaveCountAsync(1);
    }
}
