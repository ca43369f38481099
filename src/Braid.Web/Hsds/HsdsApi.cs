using System.Globalization;
using System.Text.Json.Nodes;
using Braid.Core.Access;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Directory;
using Braid.Interop.Hsds;
using Braid.Web.Access;
using Braid.Web.Directory;

namespace Braid.Web.Hsds;

/// <summary>The Open Referral HSDS 3.0 API (read side) under <c>/hsds</c>, read from the database page by page.</summary>
public static class HsdsApi
{
    private const int DefaultPerPage = 50, MaxPerPage = 500;

    public static IEndpointRouteBuilder MapHsdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/hsds").WithTags("HSDS 3.0").RequirePermission(Permission.DirectoryRead);
        group.MapGet("/", (HttpRequest r) => Results.Json(new JsonObject
        {
            ["version"] = HsdsSpec.Version,
            ["profile"] = "https://openreferral.org/hsds/3.0",
            ["openapi_url"] = $"{r.Scheme}://{r.Host}/openapi/v1.json",
        })).WithName("GetHsdsApiDetails").WithSummary("HSDS version, profile and OpenAPI location.");

        group.MapGet("/services", ListServicesAsync).WithName("ListHsdsServices").WithSummary("Services (list form), filtered by search, taxonomy_term_id, taxonomy_id, organization_id and modified_after.");
        group.MapGet("/services/{id}", (string id, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) => GetAsync<Service>(id, db, c, ct)).WithName("GetHsdsService").WithSummary("A fully nested service.");
        group.MapGet("/organizations", (HttpRequest r, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) =>
                ListAsync(r, Searchable<Organization>(r, "name", "description"), db, c, ct))
            .WithName("ListHsdsOrganizations").WithSummary("Organizations (list form).");
        group.MapGet("/organizations/{id}", (string id, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) => GetAsync<Organization>(id, db, c, ct)).WithName("GetHsdsOrganization").WithSummary("A fully nested organization.");
        group.MapGet("/service_at_locations", (HttpRequest r, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) =>
                ListAsync(r, Searchable<ServiceAtLocation>(r, "description"), db, c, ct))
            .WithName("ListHsdsServiceAtLocations").WithSummary("Services at locations (list form).");
        group.MapGet("/service_at_locations/{id}", (string id, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) => GetAsync<ServiceAtLocation>(id, db, c, ct)).WithName("GetHsdsServiceAtLocation").WithSummary("A fully nested service at a location.");
        group.MapGet("/taxonomies", (HttpRequest r, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) =>
                ListAsync(r, Searchable<Taxonomy>(r, "name", "description"), db, c, ct))
            .WithName("ListHsdsTaxonomies").WithSummary("Taxonomies.");
        group.MapGet("/taxonomies/{id}", (string id, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) => GetAsync<Taxonomy>(id, db, c, ct)).WithName("GetHsdsTaxonomy").WithSummary("A taxonomy.");
        group.MapGet("/taxonomy_terms", (HttpRequest r, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) =>
                ListAsync(r, Searchable<TaxonomyTerm>(r, "name", "code", "description") with { Equal = Equal(r, "taxonomy_id") }, db, c, ct))
            .WithName("ListHsdsTaxonomyTerms").WithSummary("Taxonomy terms, filtered by search and taxonomy_id.");
        group.MapGet("/taxonomy_terms/{id}", (string id, BraidDbContext db, DirectoryCatalog c, CancellationToken ct) => GetAsync<TaxonomyTerm>(id, db, c, ct)).WithName("GetHsdsTaxonomyTerm").WithSummary("A taxonomy term.");
        return app;
    }

    private static Task<IResult> ListServicesAsync(HttpRequest r, BraidDbContext db, DirectoryCatalog catalog, CancellationToken ct)
    {
        DateTimeOffset? modifiedAfter = null;
        if (Text(r, "modified_after") is { } m)
        {
            if (!DateTimeOffset.TryParse(m, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
            {
                return Task.FromResult(Results.ValidationProblem(new Dictionary<string, string[]> { ["modified_after"] = [$"'{m}' is not an ISO 8601 date-time."] }));
            }

            modifiedAfter = after;
        }

        var query = Searchable<Service>(r, "name", "description") with
        {
            Equal = Equal(r, "organization_id"),
            LinkedTermId = Text(r, "taxonomy_term_id"),
            LinkedTaxonomyId = Text(r, "taxonomy_id"),
            ModifiedAfter = modifiedAfter,
        };
        return ListAsync(r, query, db, catalog, ct);
    }

    private static HsdsListQuery Searchable<T>(HttpRequest r, params string[] fields) where T : HsdsRecord =>
        new(HsdsModel.Table<T>()) { Search = Text(r, "search"), SearchFields = fields };

    private static Dictionary<string, string> Equal(HttpRequest r, string parameter) =>
        Text(r, parameter) is { } value ? new() { [parameter] = value } : [];

    private static string? Text(HttpRequest r, string name) => r.Query[name].ToString() is { Length: > 0 } s ? s : null;

    private static async Task<IResult> ListAsync(HttpRequest r, HsdsListQuery query, BraidDbContext db, DirectoryCatalog catalog, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var page = PositiveInt(r, "page", 1, int.MaxValue, errors);
        var perPage = PositiveInt(r, "per_page", DefaultPerPage, MaxPerPage, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var reader = new HsdsReader(db);
        var (total, ids) = await reader.PageAsync(catalog.CommunityId, query, page, perPage, ct);
        var data = await new HsdsGraphLoader(reader, catalog.CommunityId).LoadAsync(query.Table, ids, full: false, ct);
        var writer = new HsdsJsonWriter(data);
        var contents = ids.Select(id => data.Find(query.Table, id)).OfType<HsdsRecord>().Select(x => (JsonNode)writer.List(x)).ToList();
        var totalPages = (total + perPage - 1) / perPage;
        return Results.Json(new JsonObject
        {
            ["total_items"] = total,
            ["total_pages"] = totalPages,
            ["page_number"] = page,
            ["size"] = contents.Count,
            ["first_page"] = page == 1,
            ["last_page"] = page >= totalPages,
            ["empty"] = contents.Count == 0,
            ["contents"] = new JsonArray([.. contents]),
        });
    }

    private static async Task<IResult> GetAsync<T>(string id, BraidDbContext db, DirectoryCatalog catalog, CancellationToken ct) where T : HsdsRecord
    {
        var table = HsdsModel.Table<T>();
        var data = await new HsdsGraphLoader(new HsdsReader(db), catalog.CommunityId).LoadAsync(table, [id], full: true, ct);
        return data.Find(table, id) is { } record
            ? Results.Json(new HsdsJsonWriter(data).Full(record))
            : Results.Problem(statusCode: 404, title: "Not found", detail: $"No {table.Name} has id '{id}'.");
    }

    private static int PositiveInt(HttpRequest r, string name, int fallback, int max, Dictionary<string, string[]> errors)
    {
        if (Text(r, name) is not { } s) return fallback;
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max) return v;
        errors[name] = [$"must be a whole number from 1 to {max}; got '{s}'."];
        return fallback;
    }
}
