using System.ComponentModel;
using Braid.Application.Directory;
using Braid.Core.Directory;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Braid.Web.Directory;

/// <summary>A service at a location as the search API returns it.</summary>
public sealed record SearchHitDto(
    string ServiceAtLocationId, string ServiceId, string Name, string? Description, string? Organization,
    string? Location, string? Address, double? Latitude, double? Longitude, double? DistanceKm, bool? OpenNow,
    IReadOnlyList<string> Hours, IReadOnlyList<string> Phones, IReadOnlyList<string> Languages,
    IReadOnlyList<string> Needs, string? LastVerified, IReadOnlyList<MatchReason> WhyMatched, EligibilityDto? Eligibility);

/// <summary>A service's eligibility rules as a machine reads them; the HSDS eligibility text stays in the service's record.</summary>
public sealed record EligibilityRulesDto(double? MinimumAge, double? MaximumAge, int? IncomeLimitPercent, IReadOnlyList<string> Counties, IReadOnlyList<string> Zips, IReadOnlyList<string> Documents);

/// <summary>One rule checked against the fact behind it: rule age, income or residence; outcome met, not-met or fact-missing.</summary>
public sealed record EligibilityCheckDto(string Rule, string Outcome, decimal? IncomePercent, int? GuidelineYear);

/// <summary>The person's likely eligibility (likely, likely-not or unknown), the checks it rests on, and the service's rules.</summary>
public sealed record EligibilityDto(string Verdict, IReadOnlyList<EligibilityCheckDto> Checks, EligibilityRulesDto Rules)
{
    public static EligibilityDto Of(EligibilityJudgement judged, EligibilityRules rules) => new(
        Kebab(judged.Verdict), [.. judged.Checks.Select(c => new EligibilityCheckDto(Kebab(c.Rule), Kebab(c.Outcome), c.IncomePercent is { } p ? Math.Round(p, 1) : null, c.GuidelineYear))],
        new EligibilityRulesDto(rules.MinimumAge, rules.MaximumAge, rules.IncomeLimitPercent, rules.Counties, rules.Zips, rules.Documents));

    private static string Kebab<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>One page of search results.</summary>
public sealed record SearchResponseDto(int TotalItems, int TotalPages, int Page, int PerPage, IReadOnlyList<SearchHitDto> Results);

/// <summary>
/// The search's query parameters. They are read as text so that a bad value gets a message naming
/// the parameter and what it should be, rather than a binding failure.
/// </summary>
public sealed record SearchRequest(
    [property: FromQuery(Name = SearchParameters.Need), Description("A need: the code (e.g. BD-1800.2000 or a Braid need domain) or id of a taxonomy term.")] string? Need,
    [property: FromQuery(Name = SearchParameters.Lat), Description("Latitude of the place to search around, decimal degrees from -90 to 90; give lon with it.")] string? Lat,
    [property: FromQuery(Name = SearchParameters.Lon), Description("Longitude, decimal degrees from -180 to 180; give lat with it.")] string? Lon,
    [property: FromQuery(Name = SearchParameters.Zip), Description("A Maryland ZIP code to search around, instead of lat and lon.")] string? Zip,
    [property: FromQuery(Name = SearchParameters.RadiusKm), Description("Only results within this many kilometres of the place (0.01 to 500).")] string? RadiusKm,
    [property: FromQuery(Name = SearchParameters.Language), Description("A language the service is offered in (ISO 639 code, e.g. es).")] string? Language,
    [property: FromQuery(Name = SearchParameters.OpenNow), Description("true: only services open now, in the community's time zone.")] string? OpenNow,
    [property: FromQuery(Name = SearchParameters.OpenOn), Description("A date (yyyy-MM-dd): only services that open at some time that day, by their schedules in their own time zone.")] string? OpenOn,
    [property: FromQuery(Name = SearchParameters.Free), Description("true: only services whose fees description says they are free (begins with free, no cost, no fee, gratis or sin costo).")] string? Free,
    [property: FromQuery(Name = SearchParameters.Accessible), Description("true: only services at a location that describes its accessibility arrangements (HSDS accessibility).")] string? Accessible,
    [property: FromQuery(Name = SearchParameters.Age), Description("Only services whose minimum_age and maximum_age admit a person of this age (0 to 130).")] string? Age,
    [property: FromQuery(Name = SearchParameters.Household), Description("The size of the household of the person the search is for (1 to 30); with income, each result says whether they are likely eligible.")] string? Household,
    [property: FromQuery(Name = SearchParameters.Income), Description("The yearly income of that household in US dollars; needs household.")] string? Income,
    [property: FromQuery(Name = SearchParameters.County), Description("The 5-digit FIPS code of the county the person lives in (e.g. 24510, Baltimore City).")] string? County,
    [property: FromQuery(Name = SearchParameters.Eligible), Description("true: leave out the services the person is likely not eligible for (those whose eligibility is unknown stay).")] string? Eligible,
    [property: FromQuery(Name = SearchParameters.Text), Description("Words to find in names, descriptions and the organization's name.")] string? Q,
    [property: FromQuery(Name = SearchParameters.Page), Description("Page number, from 1.")] string? Page,
    [property: FromQuery(Name = SearchParameters.PerPage), Description("Results per page, 1 to 100 (default 20).")] string? PerPage)
{
    public SearchInput ToInput() => new(name => name switch
    {
        SearchParameters.Need => Need,
        SearchParameters.Lat => Lat,
        SearchParameters.Lon => Lon,
        SearchParameters.Zip => Zip,
        SearchParameters.RadiusKm => RadiusKm,
        SearchParameters.Language => Language,
        SearchParameters.OpenNow => OpenNow,
        SearchParameters.OpenOn => OpenOn,
        SearchParameters.Free => Free,
        SearchParameters.Accessible => Accessible,
        SearchParameters.Age => Age,
        SearchParameters.Household => Household,
        SearchParameters.Income => Income,
        SearchParameters.County => County,
        SearchParameters.Eligible => Eligible,
        SearchParameters.Text => Q,
        SearchParameters.Page => Page,
        SearchParameters.PerPage => PerPage,
        _ => null,
    });
}

/// <summary>The navigator's directory search API.</summary>
public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/directory").WithTags("Directory search").RequirePermission(Permission.DirectoryRead);
        group.MapGet("/search", SearchAsync)
            .WithName("SearchDirectory")
            .WithSummary("Find services at locations by need, place, language, open now and text.")
            .WithDescription("Results are ranked by relevance, then distance. A bad parameter gets 400 naming it. Given what is known about the person (age, household and income, county), each result says whether they are likely eligible, with the rule and fact behind it.");
        return app;
    }

    private static async Task<Results<Ok<SearchResponseDto>, ValidationProblem>> SearchAsync([AsParameters] SearchRequest request, SearchDirectory search, Texts texts, CancellationToken ct)
    {
        var (results, errors, _) = await search.SearchAsync(request.ToInput(), ct);
        if (results is null) return TypedResults.ValidationProblem(texts.Errors(errors), title: texts["invalid-search"]);
        return TypedResults.Ok(new SearchResponseDto(results.TotalItems, results.TotalPages, results.Page, results.PerPage,
            [.. results.Hits.Select(h => ToDto(h, texts))]));
    }

    private static SearchHitDto ToDto(SearchHit h, Texts texts)
    {
        var e = h.Entry;
        return new SearchHitDto(
            e.ServiceAtLocationId, e.ServiceId, e.ServiceName, e.ServiceDescription, e.OrganizationName, e.LocationName, e.Address,
            e.Point?.Latitude, e.Point?.Longitude, h.DistanceKm is { } d ? Math.Round(d, 2) : null, h.OpenNow,
            [.. e.Hours.Rules.Select(r => texts.Hours(r))], e.Phones,
            [.. e.Languages.Select(l => l.Name ?? l.Code ?? "")], [.. e.Terms.Where(t => t.Code is not null && NeedDomains.Find(t.Code) is not null).Select(t => t.Code!)],
            e.LastVerified, h.Reasons, h.Eligibility is { } judged ? EligibilityDto.Of(judged, e.Rules) : null);
    }
}
