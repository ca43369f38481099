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

/// <summary>Names the HSDS table a record class stands for, and its CSV file in a datapackage.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class HsdsTableAttribute(string name, string csvPath) : Attribute
{
    public string Name { get; } = name;
    public string CsvPath { get; } = csvPath;
}
