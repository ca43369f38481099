using Braid.Core.Access;
using Braid.Web.Access;
using Braid.Core.Directory;
using Braid.Core.Directory.Search;
using Braid.Application.Directory;
using Braid.Web.Directory;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Pages;

/// <summary>The results page: the same search as the API, rendered for people.</summary>
[RequiredPermission(Permission.DirectoryRead)]
public sealed class SearchModel(SearchDirectory search, TimeProvider time) : PageModel
{
    public SearchForm Form { get; private set; } = null!;
    public SearchResults? Results { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public string Verified(string assuredDate) => Texts.Verified(assuredDate, Today);

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Results, Errors, var snapshot) = await search.SearchAsync(new SearchInput(name => Request.Query[name].ToString()), ct);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), snapshot.Zone).DateTime);
        Form = SearchForm.From(Request.Query, snapshot);
        if (Results is null) Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    public string PageLink(int page) =>
        "/search?" + string.Join("&", Request.Query.Where(q => q.Key != SearchParameters.Page)
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"{SearchParameters.Page}={page}"));

    public static string Reason(MatchReason r) => r.Kind switch
    {
        "need" => Texts.T("reason-need", NeedDomains.Find(r.Detail)?.Name(Texts.Spanish) ?? r.Detail),
        "language" => Texts.T("reason-language", LanguageNames.Of(r.Detail, null, Texts.Spanish)),
        "within" => Texts.T("reason-within", r.Detail),
        "open-now" => Texts.T("reason-open-now"),
        _ when r.Kind.StartsWith("text:", StringComparison.Ordinal) => Texts.T("reason-text", r.Detail, Texts.T("field-" + r.Kind[5..])),
        _ => r.Detail,
    };
}
