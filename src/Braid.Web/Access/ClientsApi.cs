using Braid.Application.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Braid.Web.Access;

/// <summary>What an organization administrator sends to register an API client.</summary>
public sealed record NewClientRequest(string? Name, IReadOnlyList<string>? Scopes);

/// <summary>A client as listed (never its secret).</summary>
public sealed record ClientDto(string Id, string OrganizationId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset SecretCreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A client with its secret, returned once when it is created or rotated.</summary>
public sealed record ClientSecretDto(string Id, string ClientSecret, IReadOnlyList<string> Scopes);

/// <summary>The RFC 6749 token response.</summary>
public sealed record TokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

/// <summary>The RFC 6749 error response.</summary>
public sealed record TokenError(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string Description);

/// <summary>API clients of an organization (EHRs, 211s) and the client-credentials token endpoint.</summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organizations/{organizationId}/clients").WithTags("API clients").RequirePermission(Permission.ClientsManage);
        group.MapGet("/", ListAsync).WithName("ListClients").WithSummary("The organization's API clients (without secrets).");
        group.MapPost("/", CreateAsync).WithName("CreateClient").WithSummary("Registers a client; the secret is shown only in this response.");
        group.MapPost("/{clientId}/rotate", RotateAsync).WithName("RotateClientSecret").WithSummary("Replaces the client's secret; the old one stops working at once.");
        group.MapPost("/{clientId}/revoke", RevokeAsync).WithName("RevokeClient").WithSummary("Revokes the client and every token it holds.");

        app.MapPost("/oauth/token", TokenAsync).WithTags("API clients").WithName("IssueToken")
            .WithSummary("Client-credentials grant (RFC 6749 section 4.4): form fields grant_type, client_id, client_secret, optional scope.")
            .Produces<TokenResponse>().Produces<TokenError>(StatusCodes.Status400BadRequest).Produces<TokenError>(StatusCodes.Status401Unauthorized)
            .AllowEveryone().DisableAntiforgery();
        return app;
    }

    private static async Task<Ok<List<ClientDto>>> ListAsync(string organizationId, ApiClientStore clients, ICaller caller, CancellationToken ct) =>
        TypedResults.Ok((await clients.ListAsync(caller.CommunityId.Value, organizationId, ct)).Select(ToDto).ToList());

    private static async Task<Results<Created<ClientSecretDto>, ValidationProblem>> CreateAsync(string organizationId, NewClientRequest request, CreateClient create, Texts texts, CancellationToken ct)
    {
        var (client, secret, errors) = await create.RunAsync(new OrganizationId(organizationId), request.Name, request.Scopes, ct);
        if (client is null) return TypedResults.ValidationProblem(texts.Errors(errors), title: texts["invalid-client"]);
        return TypedResults.Created($"/api/organizations/{organizationId}/clients/{client.Id}", new ClientSecretDto(client.Id, secret!, client.Scopes));
    }

    private static async Task<Results<Ok<ClientSecretDto>, NotFound>> RotateAsync(string organizationId, string clientId, RotateClientSecret rotate, CancellationToken ct) =>
        await rotate.RunAsync(new OrganizationId(organizationId), new ApiClientId(clientId), ct) is { } rotated
            ? TypedResults.Ok(new ClientSecretDto(rotated.Client.Id, rotated.Secret, rotated.Client.Scopes))
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string organizationId, string clientId, RevokeClient revoke, CancellationToken ct) =>
        await revoke.RunAsync(new OrganizationId(organizationId), new ApiClientId(clientId), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<IResult> TokenAsync(HttpRequest request, IssueToken issue, TimeProvider time, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Error("invalid_request", "Send application/x-www-form-urlencoded fields grant_type, client_id and client_secret.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            // Past the form limits (fields, key or value length) or a broken multipart body: the client's error (RFC 6749 5.2).
            // A body over the size limit (BadHttpRequestException) is left to InputErrorHandler: 413.
            return Error("invalid_request", "The form cannot be read: " + e.Message);
        }

        if (form["grant_type"].ToString() != "client_credentials")
        {
            return Error("unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }

        // RFC 6749 2.3.1: credentials in HTTP Basic or in the form.
        var (clientId, secret) = BasicCredentials(request) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        if (clientId.Length == 0 || secret.Length == 0)
        {
            return Error("invalid_request", "client_id and client_secret are required.");
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = await issue.RunAsync(clientId, secret, requested, ct);
        if (result.Error is { } error)
        {
            return Error(error, result.Description!, error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest);
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Json(new TokenResponse(result.AccessToken!, "Bearer", (int)(result.ExpiresAt - time.GetUtcNow()).TotalSeconds, string.Join(' ', result.Scopes)));
    }

    private static (string, string)? BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IResult Error(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new TokenError(error, description), statusCode: status);

    private static ClientDto ToDto(ApiClient c) => new(c.Id, c.OrganizationId, c.Name, c.Scopes, c.SecretCreatedAt, c.RevokedAt);
}
