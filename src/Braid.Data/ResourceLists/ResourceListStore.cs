using System.Text.Json;
using Braid.Core;
using Braid.Core.ResourceLists;

namespace Braid.Data.ResourceLists;

public sealed class ResourceListRow
{
    public string CommunityId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Language { get; set; } = "";

    /// <summary>The services at locations picked, in order, as a JSON array of ids.</summary>
    public string Services { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Resource lists by their short code.</summary>
public sealed class ResourceListStore(BraidDbContext db)
{
    public async Task AddAsync(CommunityId community, ResourceList list, CancellationToken ct = default)
    {
        db.ResourceLists.Add(new ResourceListRow
        {
            CommunityId = community.Value, Code = list.Code, Language = list.Language, Services = JsonSerializer.Serialize(list.Services),
            CreatedBy = list.CreatedBy, CreatedAt = list.CreatedAt,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<ResourceList?> FindAsync(CommunityId community, string code, CancellationToken ct = default) =>
        await db.ResourceLists.AsNoTracking().FirstOrDefaultAsync(l => l.CommunityId == community.Value && l.Code == code, ct) is { } row
            ? new ResourceList(row.Code, row.Language, JsonSerializer.Deserialize<List<string>>(row.Services) ?? [], row.CreatedBy, row.CreatedAt)
            : null;
}
