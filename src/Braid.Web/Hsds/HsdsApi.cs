using System.Globalization;
using System.Text.Json.Nodes;
using Braid.Core.Directory.Hsds;
using Braid.Interop.Hsds;
using Braid.Web.Directory;

namespace Braid.Web.Hsds;

/// <summary>The Open Referral HSDS 3.0 API (read side) under <c>/hsds</c>.</summary>
public static class HsdsApi
{
    private const int DefaultPerPage = 50, MaxPerPage = 500;

    public static IEndpointRouteBuilder MapHsdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/hsds").WithTags("HSDS 3.0");
        group.MapGet("/", (HttpRequest r) => Results.Json(new JsonObject
        {
            ["version"] = HsdsSpec.Version,
            ["profile"] = "https://openreferral.org/hsds/3.0",
            ["openapi_url"] = $"{r.Scheme}://{r.Host}/openapi/v1.json",
        })).WithName("GetHsdsApiDetails").WithSummary("HSDS version, profile and OpenAPI location.");

        group.MapGet("/services", ListServicesAsync).WithName("ListHsdsServices").WithSummary("Services (list form), filtered by search, taxonomy_term_id, taxonomy_id, organization_id and modified_after.");
        group.MapGet("/services/{id}", (string id, DirectoryCatalog c, CancellationToken ct) => GetAsync<Service>(id, c, ct)).WithName("GetHsdsService").WithSummary("A fully nested service.");
        group.MapGet("/organizations", (HttpRequest r, DirectoryCatalog c, CancellationToken ct) => ListAsync<Organization>(r, c, ct, o => Matches(r, o.Name, o.Description)))
            .WithName("ListHsdsOrganizations").WithSummary("Organizations (list form).");
        group.MapGet("/organizations/{id}", (string id, DirectoryCatalog c, CancellationToken ct) => GetAsync<Organization>(id, c, ct)).WithName("GetHsdsOrganization").WithSummary("A fully nested organization.");
        group.MapGet("/service_at_locations", (HttpRequest r, DirectoryCatalog c, CancellationToken ct) => ListAsync<ServiceAtLocation>(r, c, ct, s => Matches(r, s.Description)))
            .WithName("ListHsdsServiceAtLocations").WithSummary("Services at locations (list form).");
        group.MapGet("/service_at_locations/{id}", (string id, DirectoryCatalog c, CancellationToken ct) => GetAsync<ServiceAtLocation>(id, c, ct)).WithName("GetHsdsServiceAtLocation").WithSummary("A fully nested service at a location.");
        group.MapGet("/taxonomies", (HttpRequest r, DirectoryCatalog c, CancellationToken ct) => ListAsync<Taxonomy>(r, c, ct, t => Matches(r, t.Name, t.Description)))
            .WithName("ListHsdsTaxonomies").WithSummary("Taxonomies.");
        group.MapGet("/taxonomies/{id}", (string id, DirectoryCatalog c, CancellationToken ct) => GetAsync<Taxonomy>(id, c, ct)).WithName("GetHsdsTaxonomy").WithSummary("A taxonomy.");
        group.MapGet("/taxonomy_terms", (HttpRequest r, DirectoryCatalog c, CancellationToken ct) => ListAsync<TaxonomyTerm>(r, c, ct,
                t => Matches(r, t.Name, t.Code, t.Description) && (r.Query["taxonomy_id"].ToString() is not { Length: > 0 } tid || t.TaxonomyId == tid)))
            .WithName("ListHsdsTaxonomyTerms").WithSummary("Taxonomy terms, filtered by search and taxonomy_id.");
        group.MapGet("/taxonomy_terms/{id}", (string id, DirectoryCatalog c, CancellationToken ct) => GetAsync<TaxonomyTerm>(id, c, ct)).WithName("GetHsdsTaxonomyTerm").WithSummary("A taxonomy term.");
        return app;
    }

    private static async Task<IResult> ListServicesAsync(HttpRequest r, DirectoryCatalog catalog, CancellationToken ct)
    {
        var snapshot = await catalog.CurrentAsync(ct);
        var data = snapshot.Data;
        DateTimeOffset? modifiedAfter = null;
        if (r.Query["modified_after"].ToString() is { Length: > 0 } m)
        {
            if (!DateTimeOffset.TryParse(m, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["modified_after"] = [$"'{m}' is not an ISO 8601 date-time."] });
            }

            modifiedAfter = after;
        }

        var termId = r.Query["taxonomy_term_id"].ToString();
        var taxonomyId = r.Query["taxonomy_id"].ToString();
        var orgId = r.Query["organization_id"].ToString();
        var terms = data.All<TaxonomyTerm>().ToDictionary(t => t.Id);
        var linkedTerms = data.All<HsdsAttribute>().Where(a => a.LinkId is not null && a.TaxonomyTermId is not null)
            .ToLookup(a => a.LinkId!, a => a.TaxonomyTermId!);
        return await ListAsync<Service>(r, catalog, ct, s =>
            Matches(r, s.Name, s.Description) &&
            (orgId.Length == 0 || s.OrganizationId == orgId) &&
            (termId.Length == 0 || linkedTerms[s.Id].Contains(termId)) &&
            (taxonomyId.Length == 0 || linkedTerms[s.Id].Any(t => terms.GetValueOrDefault(t)?.TaxonomyId == taxonomyId)) &&
            (modifiedAfter is null || (DateTimeOffset.TryParse(s.LastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var lm) && lm > modifiedAfter)));
    }

    private static bool Matches(HttpRequest r, params string?[] fields) =>
        r.Query["search"].ToString() is not { Length: > 0 } search ||
        fields.Any(f => f?.Contains(search, StringComparison.OrdinalIgnoreCase) == true);

    private static async Task<IResult> ListAsync<T>(HttpRequest r, DirectoryCatalog catalog, CancellationToken ct, Func<T, bool> filter) where T : HsdsRecord
    {
        var errors = new Dictionary<string, string[]>();
        var page = PositiveInt(r, "page", 1, int.MaxValue, errors);
        var perPage = PositiveInt(r, "per_page", DefaultPerPage, MaxPerPage, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var snapshot = await catalog.CurrentAsync(ct);
        var all = snapshot.Data.All<T>().Where(filter).OrderBy(x => x.Id, StringComparer.Ordinal).ToList();
        var writer = new HsdsJsonWriter(snapshot.Data);
        var totalPages = (all.Count + perPage - 1) / perPage;
        var contents = all.Skip((page - 1) * perPage).Take(perPage).Select(x => (JsonNode)writer.List(x)).ToList();
        return Results.Json(new JsonObject
        {
            ["total_items"] = all.Count,
            ["total_pages"] = totalPages,
            ["page_number"] = page,
            ["size"] = contents.Count,
            ["first_page"] = page == 1,
            ["last_page"] = page >= totalPages,
            ["empty"] = contents.Count == 0,
            ["contents"] = new JsonArray([.. contents]),
        });
    }

    private static async Task<IResult> GetAsync<T>(string id, DirectoryCatalog catalog, CancellationToken ct) where T : HsdsRecord
    {
        var snapshot = await catalog.CurrentAsync(ct);
        return snapshot.Data.Find<T>(id) is { } record
            ? Results.Json(new HsdsJsonWriter(snapshot.Data).Full(record))
            : Results.Problem(statusCode: 404, title: "Not found", detail: $"No {HsdsModel.Table<T>().Name} has id '{id}'.");
    }

    private static int PositiveInt(HttpRequest r, string name, int fallback, int max, Dictionary<string, string[]> errors)
    {
        if (r.Query[name].ToString() is not { Length: > 0 } s) return fallback;
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max) return v;
        errors[name] = [$"must be a whole number from 1 to {max}; got '{s}'."];
        return fallback;
    }
}
