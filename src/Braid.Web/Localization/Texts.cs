using System.Globalization;
using Braid.Core.Directory.Schedules;
using Braid.Core.People;
using Braid.Data.People;
using Microsoft.Extensions.Localization;

namespace Braid.Web.Localization;

/// <summary>
/// The words Braid shows people — pages, validation messages, emails and errors — from
/// <c>Texts.resx</c> (English) and <c>Texts.&lt;code&gt;.resx</c> (Spanish and any other), in the request's UI culture.
/// </summary>
public sealed class Texts(IStringLocalizer<Texts> localizer)
{
    private static readonly string[] Week = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public string this[string key] => localizer[key];

    public string this[string key, params object[] args] => localizer[key, args];

    /// <summary>
    /// The languages Braid speaks: English, and each language whose <c>Texts.&lt;code&gt;.resx</c> was
    /// built into a satellite assembly beside the application, so a community adds one with resource files alone.
    /// </summary>
    public static IReadOnlyList<string> Languages { get; } =
    [
        "en", .. System.IO.Directory.EnumerateDirectories(AppContext.BaseDirectory)
            .Where(d => File.Exists(Path.Combine(d, typeof(Texts).Assembly.GetName().Name + ".resources.dll")))
            .Select(Path.GetFileName).OfType<string>().Where(IsCulture).Order(StringComparer.Ordinal),
    ];

    private static bool IsCulture(string name)
    {
        try
        {
            return name != "en" && CultureInfo.GetCultureInfo(name, predefinedOnly: true) is not null;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The text in a given language whatever the page's (English when Braid does not speak it): a screening is asked in the person's language.</summary>
    public string In(string language, string key, params object[] args)
    {
        var page = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Languages.Contains(language) ? language : "en");
            return this[key, args];
        }
        finally
        {
            CultureInfo.CurrentUICulture = page;
        }
    }

    /// <summary>The request's language, for <c>lang</c> attributes and links that keep it.</summary>
    public static string Lang => Languages.Contains(CultureInfo.CurrentUICulture.Name) ? CultureInfo.CurrentUICulture.Name
        : Languages.Contains(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : "en";

    /// <summary>"Verified today", or the date of the last verification (HSDS assured_date).</summary>
    public string Verified(string assuredDate, DateOnly today) =>
        assuredDate == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ? this["verified-today"] : this["verified", assuredDate];

    /// <summary>An input error in words.</summary>
    public string Error(InputError error) => this["error-" + error.Key, error.Args];

    /// <summary>Each field's error in words, as problem details and forms show them.</summary>
    public Dictionary<string, string[]> Errors(IReadOnlyDictionary<string, InputError> errors) =>
        errors.ToDictionary(e => e.Key, e => new[] { Error(e.Value) });

    /// <summary>A need domain's name, or the directory's own name for a code Braid does not know.</summary>
    public string Need(string code, string? name) => Known("need-" + code) ?? name ?? code;

    /// <summary>A language's name, or the directory's own name for a code Braid does not know.</summary>
    public string Language(string code, string? name) => Known("language-" + code) ?? name ?? code;

    /// <summary>Who sent a referral: its organization's name, or the person themself from their portal.</summary>
    public string From(string organization, string name) => organization == Application.People.PersonPortal.SelfRegistered.Value ? this["referral-from-self"] : name;

    /// <summary>A consent in one sentence: to whom (an organization named by <paramref name="organization"/>), which data, for what, from which day.</summary>
    public string Consent(PersonConsent c, Func<string?, string> organization) => this["consent-summary",
        c.Grantee.Kind switch { GranteeKind.Organization => organization(c.Grantee.Value), GranteeKind.Role => this["role-" + c.Grantee.Value], _ => this["grantee-network"] },
        string.Join(", ", c.Categories.Order().Select(x => this["category-" + PeopleStore.Name(x)])), string.Join(", ", c.Purposes.Order().Select(x => this["purpose-" + PeopleStore.Name(x)])),
        c.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];

    /// <summary>A day's full name from its HSDS code (MO … SU).</summary>
    public string Day(string code) => this["day-" + code];

    /// <summary>One opening rule in words: "Mon, Tue: 09:00–17:00", "last Fri: open 24 hours".</summary>
    public string Hours(OpeningRule rule)
    {
        var days = rule.Days.Count == 0 || rule.Days.Count == 7 && rule.Days.All(d => d.Ordinal == 0)
            ? this["every-day"]
            : string.Join(", ", rule.Days.Select(d => (Code: Code(d.Day), d.Ordinal)).OrderBy(d => Array.IndexOf(Week, d.Code)).Select(d => Ordinal(d.Code, d.Ordinal)));
        if (rule.Monthly && rule.MonthDays.Count > 0) days = this["month-days", string.Join(", ", rule.MonthDays)];
        var hours = rule.Opens == rule.Closes
            ? this["open-24-hours"]
            : $"{rule.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}–{rule.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}";
        return this["hours-rule", days, hours];
    }

    private string Ordinal(string code, int n)
    {
        var day = this["day-short-" + code];
        return n switch
        {
            0 => day,
            -1 => this["ordinal-last", day],
            1 or 2 or 3 => this["ordinal-" + n, day],
            _ => this["ordinal-n", day, n],
        };
    }

    private static string Code(DayOfWeek day) => Week[((int)day + 6) % 7];

    private string? Known(string key) => localizer[key] is { ResourceNotFound: false } text ? text.Value : null;
}
