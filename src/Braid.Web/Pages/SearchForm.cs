using Braid.Core.Directory;
using Braid.Core.Directory.Hsds;
using Braid.Application.Directory;

namespace Braid.Web.Pages;

/// <summary>What the search form shows: the choices and the values already entered.</summary>
public sealed record SearchForm(IQueryCollection Values, IReadOnlyList<(string Code, string Name)> Needs, IReadOnlyList<(string Code, string Name)> Languages)
{
    public string Value(string name) => Values[name].ToString();

    public static SearchForm From(IQueryCollection query, DirectorySnapshot snapshot)
    {
        var spanish = Texts.Spanish;
        var needs = snapshot.Terms
            .Where(t => t.TaxonomyId == NeedDomains.TaxonomyId && t.Code is not null)
            .Select(t => (t.Code!, NeedDomains.Find(t.Code!)?.Name(spanish) ?? t.Name ?? t.Code!))
            .OrderBy(t => t.Item2, StringComparer.CurrentCulture).ToList();
        var languages = snapshot.Index.Languages.Where(l => l.Code is not null)
            .DistinctBy(l => l.Code).Select(l => (l.Code!, LanguageNames.Of(l.Code!, l.Name, spanish)))
            .OrderBy(l => l.Item2, StringComparer.CurrentCulture).ToList();
        return new SearchForm(query, needs, languages);
    }
}

/// <summary>Language names in the reader's language.</summary>
public static class LanguageNames
{
    public static string Of(string code, string? name, bool spanish) => (spanish ? Spanish(code) : null) ?? name ?? code;

    private static string? Spanish(string code) => code switch
    {
        "en" => "Inglés", "es" => "Español", "zh" => "Chino", "ko" => "Coreano", "fr" => "Francés", "am" => "Amhárico",
        "ar" => "Árabe", "vi" => "Vietnamita", "ru" => "Ruso", "ase" => "Lengua de señas americana", _ => null,
    };
}
