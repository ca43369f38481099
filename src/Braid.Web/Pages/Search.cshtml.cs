using System.Globalization;
using Braid.Application.Directory;
using Braid.Application.ResourceLists;
using Braid.Core.Directory.Search;
using Braid.Data.Region;

namespace Braid.Web.Pages;

/// <summary>The results page: the same search as the API, rendered for people.</summary>
[RequiredPermission(Permission.DirectoryRead)]
public sealed class SearchModel(SearchDirectory search, ShareResourceList lists, SaveSearches saved, TimeProvider time, Texts texts) : PageModel
{
    public SearchForm Form { get; private set; } = null!;
    public SearchResults? Results { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public ResultsMap? Map { get; private set; }

    /// <summary>Whether results can be ticked into a resource list: for staff who serve people.</summary>
    public bool MayShare { get; private set; }

    /// <summary>Whether the search can be saved by name: for staff signed in.</summary>
    public bool MaySave { get; private set; }

    /// <summary>The parameters a saved search keeps, to post with its name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Kept =>
        SavedSearch.Keep(Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())), SaveSearches.Kept);

    public string Verified(string assuredDate) => texts.Verified(assuredDate, Today);

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Results, var errors, var snapshot) = await search.SearchAsync(new SearchInput(name => Request.Query[name].ToString()), ct);
        Errors = texts.Errors(errors);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), snapshot.Zone).DateTime);
        Form = SearchForm.From(Request.Query, snapshot, texts);
        if (Results is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        else Map = ResultsMap.For(RegionData.Map, Results.Hits, Texts.Lang);
        MayShare = await lists.MayShareAsync(ct);
        MaySave = Results is not null && Kept.Count > 0 && await saved.MayAsync(ct);
    }

    /// <summary>The form's label of a parameter, so an error names the field as the person sees it.</summary>
    public string Label(string parameter) => parameter switch
    {
        SearchParameters.Need => texts["need"],
        SearchParameters.Zip => texts["zip"],
        SearchParameters.RadiusKm => texts["radius"],
        SearchParameters.Language => texts["language"],
        SearchParameters.Text => texts["words"],
        SearchParameters.OpenNow => texts["open-now"],
        SearchParameters.OpenOn => texts["open-on"],
        SearchParameters.Free => texts["free-only"],
        SearchParameters.Accessible => texts["accessible-only"],
        SearchParameters.Age => texts["age-of-person"],
        SearchParameters.Household => texts["household-size"],
        SearchParameters.Income => texts["household-income"],
        SearchParameters.County => texts["county-lived-in"],
        SearchParameters.Eligible => texts["eligible-only"],
        _ => texts["parameter", parameter],
    };

    public string PageLink(int page) =>
        "/search?" + string.Join("&", Request.Query.Where(q => q.Key != SearchParameters.Page)
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"{SearchParameters.Page}={page}"));

    public string Reason(MatchReason r) => r.Kind switch
    {
        "need" => texts["reason-need", texts.Need(r.Detail, null)],
        "language" => texts["reason-language", texts.Language(r.Detail, null)],
        "within" => texts["reason-within", r.Detail],
        "open-now" => texts["reason-open-now"],
        "open-on" => texts["reason-open-on", DateOnly.ParseExact(r.Detail, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("D", CultureInfo.CurrentCulture)],
        "free" => texts["reason-free"],
        "accessible" => texts["reason-accessible", r.Detail],
        "age" => texts["reason-age", r.Detail],
        _ when r.Kind.StartsWith("text:", StringComparison.Ordinal) => texts["reason-text", r.Detail, texts["field-" + r.Kind[5..]]],
        _ => r.Detail,
    };
}
