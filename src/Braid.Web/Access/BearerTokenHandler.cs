using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Braid.Web.Access;

/// <summary>
/// Authenticates API clients by the opaque bearer tokens of <see cref="ApiClientStore"/>. An
/// expired, revoked or unknown token fails authentication (401) and the attempt is audited.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiClientStore clients, UseCaseContext context, IOptions<Infrastructure.BraidOptions> braid) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string ClientClaim = "braid:client", OrganizationClaim = "braid:organization", ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        var community = braid.Value.Community;
        var (grant, problem) = await clients.ValidateAsync(community, header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (grant is null)
        {
            await context.RecordAsync(Core.Access.Actor.Anonymous with { Id = "bearer" }, "access.token", "rejected: " + problem, target: Request.Path, ct: Context.RequestAborted);
            return AuthenticateResult.Fail(problem!);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClientClaim, grant.ClientId), new Claim(OrganizationClaim, grant.OrganizationId), .. grant.Scopes.Select(s => new Claim(ScopeClaim, s))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
