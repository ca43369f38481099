using Braid.Application.Listings;
using Braid.Core.Listings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Braid.Web.Listings;

/// <summary>A listing as its owners edit it through the API, with when it was last verified.</summary>
public sealed record ListingDto(string ServiceAtLocationId, string ServiceId, string? OrganizationId, string? LastVerified, string? LastModified, ListingForm Form);

/// <summary>What an edit changed, field by field.</summary>
public sealed record ListingSavedDto(string ServiceAtLocationId, IReadOnlyList<FieldChange> Changes, string? LastVerified);

/// <summary>The owner's listing API: the same one-screen edit as the pages, for staff and for API clients with directory.write.</summary>
public static class ListingsApi
{
    public static IEndpointRouteBuilder MapListingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/listings").WithTags("Listings").RequirePermission(Permission.DirectoryEdit);
        group.MapGet("/{serviceAtLocationId}", GetAsync).WithName("GetListing").WithSummary("A listing of the caller's organization, as the edit form holds it.");
        group.MapPut("/{serviceAtLocationId}", PutAsync).WithName("EditListing")
            .WithSummary("Replaces the listing's service fields, address, weekly hours, languages and capacity; verifies it today. Invalid fields get 400 and change nothing.");
        group.MapPost("/{serviceAtLocationId}/verify", VerifyAsync).WithName("VerifyListing").WithSummary("Confirms the listing is still accurate today without changing it.");
        return app;
    }

    private static async Task<Results<Ok<ListingDto>, NotFound, ProblemHttpResult>> GetAsync(string serviceAtLocationId, EditListing editing, Texts texts, CancellationToken ct)
    {
        var (listing, refusal) = await editing.OpenAsync(new ServiceAtLocationId(serviceAtLocationId), ct);
        if (listing is null) return refusal == EditRefusal.NotFound ? TypedResults.NotFound() : NotClaimed(texts);
        return TypedResults.Ok(new ListingDto(listing.ServiceAtLocation.Id, listing.Service.Id, listing.Service.OrganizationId, listing.Service.AssuredDate, listing.Service.LastModified,
            ListingEditor.FormOf(listing)));
    }

    private static async Task<Results<Ok<ListingSavedDto>, ValidationProblem, NotFound, ProblemHttpResult>> PutAsync(string serviceAtLocationId, ListingForm form, EditListing editing, Texts texts, CancellationToken ct)
    {
        var edited = await editing.SaveAsync(new ServiceAtLocationId(serviceAtLocationId), form, ct);
        if (edited.Refusal is { } refusal) return refusal == EditRefusal.NotFound ? TypedResults.NotFound() : NotClaimed(texts);
        if (edited.Change is not { } change) return TypedResults.ValidationProblem(texts.Errors(edited.Errors), title: texts["invalid-listing"]);
        return TypedResults.Ok(new ListingSavedDto(serviceAtLocationId, change.Changes, edited.LastVerified));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> VerifyAsync(string serviceAtLocationId, EditListing editing, Texts texts, CancellationToken ct) =>
        await editing.VerifyAsync(new ServiceAtLocationId(serviceAtLocationId), ct) switch
        {
            null => TypedResults.NoContent(),
            EditRefusal.NotFound => TypedResults.NotFound(),
            _ => NotClaimed(texts),
        };

    private static ProblemHttpResult NotClaimed(Texts texts) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: texts["problem-not-claimed"],
        detail: texts["problem-not-claimed-detail"]);
}
