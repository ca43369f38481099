using Braid.Core.Directory.Hsds;
using Microsoft.EntityFrameworkCore;

namespace Braid.Data;

/// <summary>A community (one exchange): its name, time zone, and a counter bumped on every directory change.</summary>
public sealed class Community
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>IANA time zone that opening hours are read in.</summary>
    public string TimeZone { get; set; } = "America/New_York";
    public long DirectoryVersion { get; set; }
    public string CreatedAt { get; set; } = "";
}

/// <summary>Braid's database: the HSDS directory tables and the communities that own them.</summary>
public sealed class BraidDbContext(DbContextOptions<BraidDbContext> options) : DbContext(options)
{
    public DbSet<Community> Communities => Set<Community>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Community>(e =>
        {
            e.ToTable("communities");
            e.Property(c => c.Id).HasColumnName("id");
            e.Property(c => c.Name).HasColumnName("name");
            e.Property(c => c.TimeZone).HasColumnName("time_zone");
            e.Property(c => c.DirectoryVersion).HasColumnName("directory_version");
            e.Property(c => c.CreatedAt).HasColumnName("created_at");
        });

        // Tables and columns come from the [Table]/[Column] names generated from the HSDS datapackage.
        foreach (var table in HsdsModel.Tables)
        {
            modelBuilder.Entity(table.Type).HasKey(nameof(HsdsRecord.CommunityId), nameof(HsdsRecord.Id));
        }
    }
}
