using Braid.Core.Access;
using Braid.Core.Directory;
using Braid.Core.Directory.Search;
using Braid.Data.Region;
using Braid.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Braid.Web.Directory;

/// <summary>A service at a location as the search API returns it.</summary>
public sealed record SearchHitDto(
    string ServiceAtLocationId, string ServiceId, string Name, string? Description, string? Organization,
    string? Location, string? Address, double? Latitude, double? Longitude, double? DistanceKm, bool? OpenNow,
    IReadOnlyList<string> Hours, IReadOnlyList<string> Phones, IReadOnlyList<string> Languages,
    IReadOnlyList<string> Needs, string? LastVerified, IReadOnlyList<MatchReason> WhyMatched);

/// <summary>One page of search results.</summary>
public sealed record SearchResponseDto(int TotalItems, int TotalPages, int Page, int PerPage, IReadOnlyList<SearchHitDto> Results);

/// <summary>The navigator's directory search API.</summary>
public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/directory").WithTags("Directory search").RequirePermission(Permission.DirectoryRead);
        group.MapGet("/search", SearchAsync)
            .WithName("SearchDirectory")
            .WithSummary("Find services at locations by need, place, language, open now and text.")
            .WithDescription("Results are ranked by relevance, then distance. Parameters: need, lat+lon or zip, radius_km, language, open_now, q, page, per_page.");
        return app;
    }

    private static async Task<Results<Ok<SearchResponseDto>, ValidationProblem>> SearchAsync(HttpRequest request, DirectoryCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var snapshot = await catalog.CurrentAsync(ct);
        var (query, errors) = SearchRequest.Parse(request.Query, RegionData.Gazetteer, snapshot.Terms, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid search parameters");
        }

        var results = snapshot.Index.Search(query);
        return TypedResults.Ok(new SearchResponseDto(results.TotalItems, results.TotalPages, results.Page, results.PerPage,
            [.. results.Hits.Select(h => ToDto(h, spanish: false))]));
    }

    public static SearchHitDto ToDto(SearchHit h, bool spanish)
    {
        var e = h.Entry;
        return new SearchHitDto(
            e.ServiceAtLocationId, e.ServiceId, e.ServiceName, e.ServiceDescription, e.OrganizationName, e.LocationName, e.Address,
            e.Point?.Latitude, e.Point?.Longitude, h.DistanceKm is { } d ? Math.Round(d, 2) : null, h.OpenNow,
            [.. e.Hours.Rules.Select(r => HoursText.Describe(r, spanish))], e.Phones,
            [.. e.Languages.Select(l => l.Name ?? l.Code ?? "")], [.. e.Terms.Where(t => t.Code is not null && NeedDomains.Find(t.Code) is not null).Select(t => t.Code!)],
            e.LastVerified, h.Reasons);
    }
}
