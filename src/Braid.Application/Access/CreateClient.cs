using Braid.Data.Access;

namespace Braid.Application.Access;

/// <summary>A client registered, with its secret (shown once), or the fields that are wrong.</summary>
public sealed record ClientCreated(ApiClient? Client, string? Secret, Dictionary<string, InputError> Errors);

/// <summary>An organization's administrator registers an API client (an EHR, a 211) with the scopes it may ask for.</summary>
public sealed class CreateClient(UseCaseContext context, ApiClientStore clients)
{
    public async Task<ClientCreated> RunAsync(OrganizationId organizationId, string? name, IReadOnlyList<string>? scopes, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ClientsManage, organizationId, ct: ct);
        var errors = new Dictionary<string, InputError>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors["name"] = new InputError("client-name");
        scopes ??= [];
        if (scopes.Count == 0) errors["scopes"] = new InputError("no-scope", string.Join(", ", Scopes.All));
        else if (scopes.Where(s => !Scopes.All.Contains(s)).ToList() is { Count: > 0 } unknown) errors["scopes"] = new InputError("scope-unknown", string.Join(", ", unknown), string.Join(", ", Scopes.All));
        if (errors.Count > 0) return new(null, null, errors);

        var (client, secret) = await context.ChangeAsync(async audit =>
        {
            var created = await clients.CreateAsync(context.CommunityId.Value, organizationId.Value, name!, scopes, actor.Id, ct);
            audit.Record(actor, "clients.create", "succeeded", organizationId, "client:" + created.Client.Id);
            return created;
        }, ct);
        return new(client, secret, errors);
    }
}
