using Braid.Application.Directory;
using Braid.Core.Directory;
using Braid.Core.Directory.Hsds;

namespace Braid.Web.Pages;

/// <summary>What the search form shows: the choices and the values already entered.</summary>
public sealed record SearchForm(IQueryCollection Values, IReadOnlyList<(string Code, string Name)> Needs, IReadOnlyList<(string Code, string Name)> Languages)
{
    public string Value(string name) => Values[name].ToString();

    public static SearchForm From(IQueryCollection query, DirectorySnapshot snapshot, Texts texts)
    {
        var needs = snapshot.Terms
            .Where(t => t.TaxonomyId == NeedDomains.TaxonomyId && t.Code is not null)
            .Select(t => (t.Code!, texts.Need(t.Code!, t.Name)))
            .OrderBy(t => t.Item2, StringComparer.CurrentCulture).ToList();
        var languages = snapshot.Index.Languages.Where(l => l.Code is not null)
            .DistinctBy(l => l.Code).Select(l => (l.Code!, texts.Language(l.Code!, l.Name)))
            .OrderBy(l => l.Item2, StringComparer.CurrentCulture).ToList();
        return new SearchForm(query, needs, languages);
    }
}
