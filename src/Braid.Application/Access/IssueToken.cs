using Braid.Data.Access;

namespace Braid.Application.Access;

/// <summary>The client-credentials grant (RFC 6749 section 4.4): a client's secret for a short-lived token; every attempt is audited.</summary>
public sealed class IssueToken(UseCaseContext context, ApiClientStore clients)
{
    public Task<TokenResult> RunAsync(string clientId, string secret, IReadOnlyList<string> scopes, CancellationToken ct = default) =>
        context.ChangeAsync(async audit =>
        {
            var issued = await clients.IssueTokenAsync(context.CommunityId.Value, clientId, secret, scopes, ct);
            // The caller is not signed in: the client it claims to be is who asked.
            audit.Record(Actor.Anonymous with { Id = "client:" + clientId }, "clients.token", issued.Error is null ? "issued" : $"refused: {issued.Error}");
            return issued;
        }, ct);
}
