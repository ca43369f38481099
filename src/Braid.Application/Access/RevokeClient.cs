using Braid.Data.Access;

namespace Braid.Application.Access;

/// <summary>An organization's administrator revokes a client and every token it holds.</summary>
public sealed class RevokeClient(UseCaseContext context, ApiClientStore clients)
{
    /// <summary>False when the organization has no such client.</summary>
    public async Task<bool> RunAsync(OrganizationId organizationId, ApiClientId clientId, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ClientsManage, organizationId, ct: ct);
        if (await clients.FindAsync(context.CommunityId.Value, clientId.Value, ct) is not { } client || client.OrganizationId != organizationId.Value) return false;
        return await context.ChangeAsync(async audit =>
        {
            var revoked = await clients.RevokeAsync(context.CommunityId.Value, clientId.Value, ct);
            audit.Record(actor, "clients.revoke", "succeeded", organizationId, "client:" + clientId);
            return revoked;
        }, ct);
    }
}
