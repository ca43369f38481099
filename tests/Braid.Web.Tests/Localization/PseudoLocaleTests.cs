using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Braid.Web.Tests.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Braid.Web.Tests.Localization;

/// <summary>
/// Renders every page in Spanish with a localizer that brackets each string it returns: any letter
/// on a page outside the brackets was written into the page instead of coming from the resources.
/// Data (names, addresses, what people typed) is marked <c>translate="no"</c>, as browsers'
/// translators expect, and text in another language than the page's says so with <c>lang</c>.
/// </summary>
public sealed partial class PseudoLocaleTests
{
    private const char Open = '⟦', Close = '⟧';

    [Fact]
    public void The_languages_are_those_whose_resource_files_were_built()
    {
        // Spanish is here because Texts.es.resx became es/Braid.Web.resources.dll beside the application, not because a list names it.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "es", "Braid.Web.resources.dll")));
        Assert.Equal(["en", "es"], Braid.Web.Localization.Texts.Languages);
    }

    [Fact]
    public async Task Every_page_shows_only_localized_words_and_data_marked_as_data()
    {
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(TestDatabases.Sqlite), services: s =>
        {
            s.AddSingleton<ResourceManagerStringLocalizerFactory>();
            s.AddSingleton<IStringLocalizerFactory>(sp => new PseudoLocalizerFactory(sp.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
        });
        var (pages, orgAdmin, communityAdmin, navigator, finance, person, sal) = await EveryPage.OfAsync(app);

        var failures = new List<string>();
        foreach (var (client, url) in pages)
        {
            var response = await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "lang=es");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url} answered {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            if (url.Contains("source=Demo", StringComparison.Ordinal)) Assert.Contains("<svg", html); // the report itself, with its charts, is checked too
            failures.AddRange(Unlocalized(html).Select(text => $"{url}: “{text}”"));
        }

        var form = await orgAdmin.GetStringAsync($"/manage/listings/{sal}");
        var invalid = await orgAdmin.PostAsync($"/manage/listings/{sal}?lang=es", SignInTests.Form(SignInTests.Token(form),
            ("Form.Name", ""), ("Form.Status", "sometimes"), ("Form.Address1", ""), ("Form.City", ""), ("Form.PostalCode", "12"), ("Form.Capacity", "lots"),
            ("Form.Hours[0].Day", "MO"), ("Form.Hours[0].Opens", "09:00")));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        failures.AddRange(Unlocalized(await invalid.Content.ReadAsStringAsync()).Select(text => $"listing form errors: “{text}”"));

        var registration = await navigator.GetStringAsync("/people/new?lang=es");
        var badPerson = await navigator.PostAsync("/people/new?lang=es", SignInTests.Form(SignInTests.Token(registration),
            ("Form.BirthDate", "2999-01-01"), ("Form.Phone", "12"), ("Form.Email", "x"), ("Form.PreferredChannel", "Email"), ("Form.PostalCode", "1"), ("Form.HouseholdSize", "0"),
            ("Form.Latitude", "91"), ("Form.Longitude", "0"), ("Form.RaceEthnicity", "Martian")));
        Assert.Equal(HttpStatusCode.BadRequest, badPerson.StatusCode);
        failures.AddRange(Unlocalized(await badPerson.Content.ReadAsStringAsync()).Select(text => $"registration errors: “{text}”"));
        using (var roster = new MultipartFormDataContent
        {
            { new StringContent(SignInTests.Token(registration)), "__RequestVerificationToken" },
            { new StringContent("given_name,family_name,birth_date,interpreter_needed\nAna,Ruiz,1990-02-30,quizás\nAna,Ruiz,1990-02-03,\nAna,Ruis,1990-02-03,\n"), "data", "roster.csv" },
            { new StringContent("true"), "SkipInvalid" },
        })
        {
            var imported = await navigator.PostAsync("/people/import?lang=es", roster);
            Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
            failures.AddRange(Unlocalized(await imported.Content.ReadAsStringAsync()).Select(text => $"people import: “{text}”"));
        }

        var consentForm = await navigator.GetStringAsync($"/people/{person}/consent?lang=es");
        var badConsent = await navigator.PostAsync($"/people/{person}/consent?lang=es", SignInTests.Form(SignInTests.Token(consentForm),
            ("Form.Grantee", "network"), ("Form.Start", "2026-12-01"), ("Form.End", "2026-11-01"), ("Form.Method", "Verbal")));
        Assert.Equal(HttpStatusCode.BadRequest, badConsent.StatusCode);
        failures.AddRange(Unlocalized(await badConsent.Content.ReadAsStringAsync()).Select(text => $"consent errors: “{text}”"));

        var streamForm = await finance.GetStringAsync("/funding/streams/new?lang=es");
        var badStream = await finance.PostAsync("/funding/streams/new?lang=es", SignInTests.Form(SignInTests.Token(streamForm),
            ("Form.Name", ""), ("Form.Amount", "-1"), ("Form.Start", "2026-12-01"), ("Form.End", "2026-11-01"), ("Form.Method", "stirred"), ("Form.UnitRate", "0")));
        Assert.Equal(HttpStatusCode.BadRequest, badStream.StatusCode);
        failures.AddRange(Unlocalized(await badStream.Content.ReadAsStringAsync()).Select(text => $"funding stream errors: “{text}”"));

        var signIn = app.CreateClient();
        var signInPage = await signIn.GetStringAsync("/account/sign-in?lang=es");
        var wrong = await signIn.PostAsync("/account/sign-in?lang=es", SignInTests.Form(SignInTests.Token(signInPage), ("email", DemoAccounts.Email(Roles.Navigator)), ("password", "not-the-password")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        failures.AddRange(Unlocalized(await wrong.Content.ReadAsStringAsync()).Select(text => $"sign-in error: “{text}”"));

        // Emails: a password reset link, and the reminders to organizations with stale listings.
        var forgot = await signIn.GetStringAsync("/account/forgot-password?lang=es");
        await signIn.PostAsync("/account/forgot-password?lang=es", SignInTests.Form(SignInTests.Token(forgot), ("email", DemoAccounts.Email(Roles.Navigator))));
        var freshness = await communityAdmin.GetStringAsync("/manage/freshness?lang=es");
        await communityAdmin.PostAsync("/manage/freshness?lang=es", SignInTests.Form(SignInTests.Token(freshness)));
        var emails = app.Services.GetRequiredService<OutboxEmailSender>().Messages();
        Assert.True(emails.Count >= 2, $"{emails.Count} emails");
        foreach (var (name, text) in emails)
        {
            var (subject, body) = (text.Split('\n').Single(l => l.StartsWith("Subject: ", StringComparison.Ordinal))["Subject: ".Length..], text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]);
            failures.AddRange(Leftover(subject).Concat(Leftover(body)).Select(rest => $"email {name}: “{rest}”"));
        }

        Assert.True(failures.Count == 0, "Not from the resources:\n" + string.Join("\n", failures.Distinct()));
    }

    [Theory]
    [InlineData("src/Braid.Web/Localization/Texts")]
    [InlineData("src/Braid.Core/Equity/EquityText")]
    [InlineData("src/Braid.Interop/Equity/Report/ReportText")]
    public void The_Spanish_resources_word_every_English_key_with_the_same_placeholders(string resources)
    {
        var english = Resources(resources + ".resx");
        var spanish = Resources(resources + ".es.resx");
        Assert.Equal(english.Keys.Order(), spanish.Keys.Order());
        foreach (var (key, text) in english)
            Assert.True(Placeholders(text).SetEquals(Placeholders(spanish[key])), $"{key}: “{text}” and “{spanish[key]}” differ in placeholders");
    }

    [Fact]
    public void Every_instrument_words_its_name_questions_answers_and_screened_domains()
    {
        var english = Resources("src/Braid.Web/Localization/Texts.resx");
        var keys = Braid.Core.Screening.Instruments.All.SelectMany(i => i.Questions.SelectMany(q => q.Answers.Select(a => "a-" + a.Code).Append(q.TextKey).Append("domain-" + q.Domain)).Append("instrument-" + i.Id));
        var missing = keys.Distinct().Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "No wording for " + string.Join(", ", missing));
    }

    [Fact]
    public void The_checker_finds_words_outside_the_resources()
    {
        Assert.Equal(["Hello", "Name", "No evidence that race predicts need_met"], Unlocalized(
            $"<html lang=\"es\"><p>{Open}Buscar{Close} Hello</p><input placeholder=\"Name\"><p translate=\"no\">Kind Food Pantry</p><p lang=\"en\">Race predicts</p>" +
            "<p>No hay evidencia de que race prediga need_met: prueba de razón de verosimilitud, χ² = 3.2 con 6 gl, n = 1,200, p = 0.78. Es ausencia de evidencia con este tamaño de muestra, no prueba de equidad.</p>" +
            "<p>No evidence that race predicts need_met</p></html>"));
    }

    /// <summary>Text and user-facing attributes with a letter outside the brackets, where the element is not data.</summary>
    private static List<string> Unlocalized(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var found = new List<string>();
        foreach (var node in document.Descendants())
        {
            if (node is IText text && text.ParentElement is { } parent && !IsData(parent) && parent.LocalName is not ("script" or "style"))
                found.AddRange(Leftover(text.Data));
            if (node is IElement element && !IsData(element))
            {
                foreach (var attribute in new[] { "title", "placeholder", "aria-label", "alt" })
                    if (element.GetAttribute(attribute) is { } value) found.AddRange(Leftover(value));
            }
        }

        return found;
    }

    private static bool IsData(IElement element) =>
        element.Closest("[translate=no]") is not null
        || element.Closest("[lang]") is { } declared && declared != element.Owner!.DocumentElement && declared.GetAttribute("lang") != element.Owner.DocumentElement.GetAttribute("lang");

    // The equity engine words its findings from its own resources in Core, outside the localizer:
    // a sentence of the report counts as localized when it is one of the engine's Spanish templates,
    // its placeholders filled with data (names, numbers) that do not run past a clause.
    private static readonly Regex EngineSentences = new(string.Join("|", Resources("src/Braid.Core/Equity/EquityText.es.resx").Values
        .OrderByDescending(t => t.Length).Select(Template)));

    private static string Template(string text)
    {
        const string filled = @"(?:[^.;:]|[.:](?=\d))*";
        var words = Placeholder().Replace(text, "\0").Split('\0').Select(Regex.Escape);
        return string.Join(filled + "?", words) + (text.EndsWith('}') ? filled : "");
    }

    private static IEnumerable<string> Leftover(string text)
    {
        var previous = "";
        while (previous != text)
        {
            previous = text;
            text = Bracketed().Replace(text, " ");
        }

        var rest = EngineSentences.Replace(text, " ").Trim();
        return rest.Any(char.IsLetter) ? [rest] : [];
    }

    private static Dictionary<string, string> Resources(string file) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex("⟦[^⟦⟧]*⟧")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    private sealed class PseudoLocalizerFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new PseudoLocalizer(inner.Create(resourceSource));

        public IStringLocalizer Create(string baseName, string location) => new PseudoLocalizer(inner.Create(baseName, location));
    }

    private sealed class PseudoLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Bracket(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Bracket(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures).Select(Bracket);

        private static LocalizedString Bracket(LocalizedString s) =>
            s.ResourceNotFound ? s : new LocalizedString(s.Name, Open + s.Value + Close, resourceNotFound: false, s.SearchedLocation);
    }
}
