using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Braid.Application.Directory;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Interop.Hsds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Braid.Web.Hsds;

/// <summary>Paging and text search, on every HSDS list endpoint. Read as text, so a bad value gets a message naming the parameter.</summary>
public sealed record HsdsPageRequest(
    [property: FromQuery(Name = HsdsApi.Search), Description("Words to find in the records' names and descriptions (all must occur).")] string? Search,
    [property: FromQuery(Name = HsdsApi.Page), Description("Page number, from 1.")] string? Page,
    [property: FromQuery(Name = HsdsApi.PerPage), Description("Records per page, 1 to 500 (default 50).")] string? PerPage);

/// <summary>The filters of the service list.</summary>
public sealed record HsdsServiceFilters(
    [property: FromQuery(Name = HsdsApi.TaxonomyTermId), Description("Only services linked to this taxonomy term (its id).")] string? TaxonomyTermId,
    [property: FromQuery(Name = HsdsApi.TaxonomyId), Description("Only services linked to a term of this taxonomy (its id).")] string? TaxonomyId,
    [property: FromQuery(Name = HsdsApi.OrganizationId), Description("Only this organization's services.")] string? OrganizationId,
    [property: FromQuery(Name = HsdsApi.ModifiedAfter), Description("Only services modified after this ISO 8601 date-time.")] string? ModifiedAfter);

/// <summary>The HSDS API details (HSDS 3.0 <c>/</c>).</summary>
public sealed record HsdsApiDetails(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("openapi_url")] string OpenApiUrl);

/// <summary>One page of an HSDS list (HSDS 3.0 <c>Page</c>); each item in its list form.</summary>
public sealed record HsdsPage(
    [property: JsonPropertyName("total_items")] int TotalItems,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("page_number")] int PageNumber,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("first_page")] bool FirstPage,
    [property: JsonPropertyName("last_page")] bool LastPage,
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("contents")] IReadOnlyList<JsonObject> Contents);

/// <summary>The Open Referral HSDS 3.0 API (read side) under <c>/hsds</c>, read from the database page by page.</summary>
public static class HsdsApi
{
    public const string Search = "search", Page = "page", PerPage = "per_page", TaxonomyTermId = "taxonomy_term_id", TaxonomyId = "taxonomy_id",
        OrganizationId = "organization_id", ModifiedAfter = "modified_after";

    private const int DefaultPerPage = 50, MaxPerPage = 500;

    public static IEndpointRouteBuilder MapHsdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/hsds").WithTags("HSDS 3.0").RequirePermission(Permission.DirectoryRead);
        // The document's address from the configured public site, not the Host header a caller chooses.
        group.MapGet("/", (PublicSite site) => TypedResults.Ok(new HsdsApiDetails(HsdsSpec.Version, "https://openreferral.org/hsds/3.0", site.Link("/openapi/v1.json"))))
            .WithName("GetHsdsApiDetails").WithSummary("HSDS version, profile and OpenAPI location.");

        group.MapGet("/services", ListServicesAsync).WithName("ListHsdsServices").WithSummary("Services (list form), filtered by search, taxonomy term, taxonomy, organization and modification time.");
        group.MapGet("/services/{id}", GetAsync<Service>).WithName("GetHsdsService").WithSummary("A fully nested service.");
        group.MapGet("/organizations", ([AsParameters] HsdsPageRequest p, BraidDbContext db, SearchDirectory d, Texts texts, CancellationToken ct) =>
                ListAsync(p, Searchable<Organization>(p, "name", "description"), db, d, texts, ct))
            .WithName("ListHsdsOrganizations").WithSummary("Organizations (list form).");
        group.MapGet("/organizations/{id}", GetAsync<Organization>).WithName("GetHsdsOrganization").WithSummary("A fully nested organization.");
        group.MapGet("/service_at_locations", ([AsParameters] HsdsPageRequest p, BraidDbContext db, SearchDirectory d, Texts texts, CancellationToken ct) =>
                ListAsync(p, Searchable<ServiceAtLocation>(p, "description"), db, d, texts, ct))
            .WithName("ListHsdsServiceAtLocations").WithSummary("Services at locations (list form).");
        group.MapGet("/service_at_locations/{id}", GetAsync<ServiceAtLocation>).WithName("GetHsdsServiceAtLocation").WithSummary("A fully nested service at a location.");
        group.MapGet("/taxonomies", ([AsParameters] HsdsPageRequest p, BraidDbContext db, SearchDirectory d, Texts texts, CancellationToken ct) =>
                ListAsync(p, Searchable<Taxonomy>(p, "name", "description"), db, d, texts, ct))
            .WithName("ListHsdsTaxonomies").WithSummary("Taxonomies.");
        group.MapGet("/taxonomies/{id}", GetAsync<Taxonomy>).WithName("GetHsdsTaxonomy").WithSummary("A taxonomy.");
        group.MapGet("/taxonomy_terms", ([AsParameters] HsdsPageRequest p, [FromQuery(Name = TaxonomyId), Description("Only the terms of this taxonomy (its id).")] string? taxonomyId,
                    BraidDbContext db, SearchDirectory d, Texts texts, CancellationToken ct) =>
                ListAsync(p, Searchable<TaxonomyTerm>(p, "name", "code", "description") with { Equal = Equal(TaxonomyId, taxonomyId) }, db, d, texts, ct))
            .WithName("ListHsdsTaxonomyTerms").WithSummary("Taxonomy terms, filtered by search and taxonomy.");
        group.MapGet("/taxonomy_terms/{id}", GetAsync<TaxonomyTerm>).WithName("GetHsdsTaxonomyTerm").WithSummary("A taxonomy term.");
        return app;
    }

    private static async Task<Results<Ok<HsdsPage>, ValidationProblem>> ListServicesAsync([AsParameters] HsdsPageRequest p, [AsParameters] HsdsServiceFilters filters,
        BraidDbContext db, SearchDirectory directory, Texts texts, CancellationToken ct)
    {
        DateTimeOffset? modifiedAfter = null;
        if (Text(filters.ModifiedAfter) is { } m)
        {
            if (!DateTimeOffset.TryParse(m, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
            {
                return TypedResults.ValidationProblem(texts.Errors(new Dictionary<string, InputError> { [ModifiedAfter] = new("not-a-date-time", m) }), title: texts["invalid-hsds-query"]);
            }

            modifiedAfter = after;
        }

        var query = Searchable<Service>(p, "name", "description") with
        {
            Equal = Equal(OrganizationId, filters.OrganizationId),
            LinkedTermId = Text(filters.TaxonomyTermId),
            LinkedTaxonomyId = Text(filters.TaxonomyId),
            ModifiedAfter = modifiedAfter,
        };
        return await ListAsync(p, query, db, directory, texts, ct);
    }

    private static HsdsListQuery Searchable<T>(HsdsPageRequest p, params string[] fields) where T : HsdsRecord =>
        new(HsdsModel.Table<T>()) { Search = Text(p.Search), SearchFields = fields };

    private static Dictionary<string, string> Equal(string parameter, string? value) =>
        Text(value) is { } v ? new() { [parameter] = v } : [];

    private static string? Text(string? value) => value is { Length: > 0 } ? value : null;

    private static async Task<Results<Ok<HsdsPage>, ValidationProblem>> ListAsync(HsdsPageRequest p, HsdsListQuery query, BraidDbContext db, SearchDirectory directory, Texts texts, CancellationToken ct)
    {
        var errors = new Dictionary<string, InputError>();
        var page = PositiveInt(Page, p.Page, 1, int.MaxValue, errors);
        var perPage = PositiveInt(PerPage, p.PerPage, DefaultPerPage, MaxPerPage, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(texts.Errors(errors), title: texts["invalid-hsds-query"]);

        var reader = new HsdsReader(db);
        var (total, ids) = await reader.PageAsync(directory.CommunityId, query, page, perPage, ct);
        var data = await new HsdsGraphLoader(reader, directory.CommunityId).LoadAsync(query.Table, ids, full: false, ct);
        var writer = new HsdsJsonWriter(data);
        var contents = ids.Select(id => data.Find(query.Table, id)).OfType<HsdsRecord>().Select(writer.List).ToList();
        var totalPages = (total + perPage - 1) / perPage;
        return TypedResults.Ok(new HsdsPage(total, totalPages, page, contents.Count, page == 1, page >= totalPages, contents.Count == 0, contents));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetAsync<T>(string id, BraidDbContext db, SearchDirectory directory, Texts texts, CancellationToken ct) where T : HsdsRecord
    {
        var table = HsdsModel.Table<T>();
        var data = await new HsdsGraphLoader(new HsdsReader(db), directory.CommunityId).LoadAsync(table, [id], full: true, ct);
        return data.Find(table, id) is { } record
            ? TypedResults.Ok(new HsdsJsonWriter(data).Full(record))
            : TypedResults.Problem(statusCode: 404, title: texts["problem-not-found"], detail: texts["problem-no-record", table.Name, id]);
    }

    private static int PositiveInt(string name, string? text, int fallback, int max, Dictionary<string, InputError> errors)
    {
        if (Text(text) is not { } s) return fallback;
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max) return v;
        errors[name] = new InputError("whole-number", 1, max, s);
        return fallback;
    }
}
