using System.ComponentModel.DataAnnotations.Schema;

namespace Braid.Core.Directory.Hsds;

/// <summary>A row of one HSDS 3.0 table, owned by one community.</summary>
public abstract class HsdsRecord
{
    /// <summary>The community (exchange) that owns this row; not an HSDS field.</summary>
    [Column("community_id")] public string CommunityId { get; set; } = "";

    /// <summary>The HSDS identifier (a UUID).</summary>
    [Column("id")] public string Id { get; set; } = "";
}
