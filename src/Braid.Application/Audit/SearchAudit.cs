using Braid.Core.Audit;
using Braid.Data.Audit;

namespace Braid.Application.Audit;

/// <summary>Community administrators search their community's audit trail, newest first.</summary>
public sealed class SearchAudit(UseCaseContext context, AuditLog audit)
{
    /// <param name="filter">What to look for, in the caller's community.</param>
    /// <param name="ct">Cancels the search.</param>
    public async Task<(int Total, List<AuditEvent> Events)> RunAsync(AuditQuery filter, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.AuditSearch, ct: ct);
        return await audit.SearchAsync(context.CommunityId.Value, filter, ct);
    }
}
