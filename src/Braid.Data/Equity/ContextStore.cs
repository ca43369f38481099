using System.Text.Json;
using Braid.Core.Equity;

namespace Braid.Data.Equity;

/// <summary>One tract's merged context values, as stored (values as a JSON object).</summary>
public sealed class ContextTractRow
{
    public string CommunityId { get; set; } = "";
    public string Geoid { get; set; } = "";
    public string County { get; set; } = "";
    public string TractValues { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One imported context file and what it is cited as.</summary>
public sealed class ContextSourceRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string File { get; set; } = "";
    public string Citation { get; set; } = "";
    public string Columns { get; set; } = "";
    public int Tracts { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
}

/// <summary>Imports tract context (merging files by GEOID) and loads it for reports.</summary>
public sealed class ContextStore(BraidDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Merges <paramref name="file"/>'s tracts into the community's context: new columns are
    /// added, values a file brings again are replaced. The caller's transaction makes it whole.
    /// </summary>
    public async Task<int> ImportAsync(string communityId, ContextFile file, string fileName, string citation, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var existing = await db.ContextTracts.Where(t => t.CommunityId == communityId).ToDictionaryAsync(t => t.Geoid, ct);
        foreach (var tract in file.Tracts)
        {
            if (!existing.TryGetValue(tract.Geoid, out var row))
            {
                row = new ContextTractRow { CommunityId = communityId, Geoid = tract.Geoid, County = tract.County };
                db.ContextTracts.Add(row);
            }

            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(row.TractValues) ?? [];
            foreach (var (key, value) in tract.Values) values[key] = value;
            row.TractValues = JsonSerializer.Serialize(values);
            row.UpdatedAt = now;
        }

        db.ContextSources.Add(new ContextSourceRow
        {
            CommunityId = communityId, Id = Guid.NewGuid().ToString(), File = fileName, Citation = citation,
            Columns = string.Join(",", file.Columns), Tracts = file.Tracts.Count, ImportedAt = now, ImportedBy = actor,
        });
        await db.SaveChangesAsync(ct);
        return file.Tracts.Count;
    }

    public async Task<IReadOnlyList<TractRecord>> TractsAsync(string communityId, CancellationToken ct = default) =>
        [.. (await db.ContextTracts.AsNoTracking().Where(t => t.CommunityId == communityId).OrderBy(t => t.Geoid).ToListAsync(ct))
            .Select(t => new TractRecord(t.Geoid, JsonSerializer.Deserialize<Dictionary<string, string>>(t.TractValues) ?? []))];

    /// <summary>Every file imported, newest first.</summary>
    public async Task<IReadOnlyList<ContextSourceRow>> SourcesAsync(string communityId, CancellationToken ct = default) =>
        await db.ContextSources.AsNoTracking().Where(s => s.CommunityId == communityId).OrderByDescending(s => s.ImportedAt).ToListAsync(ct);

    /// <summary>The citations of every file imported, oldest first, without repeats.</summary>
    public async Task<IReadOnlyList<string>> CitationsAsync(string communityId, CancellationToken ct = default) =>
        [.. (await db.ContextSources.AsNoTracking().Where(s => s.CommunityId == communityId).OrderBy(s => s.ImportedAt).Select(s => s.Citation).ToListAsync(ct)).Distinct()];
}
