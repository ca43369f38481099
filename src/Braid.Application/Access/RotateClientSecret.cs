using Braid.Data.Access;

namespace Braid.Application.Access;

/// <summary>An organization's administrator replaces a client's secret; the old one stops working at once.</summary>
public sealed class RotateClientSecret(UseCaseContext context, ApiClientStore clients)
{
    /// <summary>The client and its new secret, or null when the organization has no such active client.</summary>
    public async Task<(ApiClient Client, string Secret)?> RunAsync(OrganizationId organizationId, ApiClientId clientId, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ClientsManage, organizationId, ct: ct);
        if (await clients.FindAsync(context.CommunityId.Value, clientId.Value, ct) is not { RevokedAt: null } client || client.OrganizationId != organizationId.Value) return null;
        var secret = await context.ChangeAsync(async audit =>
        {
            var secret = await clients.RotateAsync(context.CommunityId.Value, clientId.Value, ct);
            audit.Record(actor, "clients.rotate", "succeeded", organizationId, "client:" + clientId);
            return secret!;
        }, ct);
        return (client, secret);
    }
}
