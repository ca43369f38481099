namespace Braid.Data.Directory;

/// <summary>
/// Which records of one HSDS table an API list returns: words in some text fields, exact column
/// values, a linked taxonomy term or taxonomy (through attributes), and a modification date.
/// </summary>
public sealed record HsdsListQuery(HsdsTable Table)
{
    public string? Search { get; init; }
    public IReadOnlyList<string> SearchFields { get; init; } = [];
    public IReadOnlyDictionary<string, string> Equal { get; init; } = new Dictionary<string, string>();
    public string? LinkedTermId { get; init; }
    public string? LinkedTaxonomyId { get; init; }
    /// <summary>Only records whose <c>last_modified</c> is strictly later.</summary>
    public DateTimeOffset? ModifiedAfter { get; init; }
}

/// <summary>Reads pages and related records of a community's HSDS directory straight from the database.</summary>
public sealed class HsdsReader(BraidDbContext db)
{
    private const int Batch = 500;

    /// <summary>One page of ids in id order, and how many records match in all.</summary>
    public async Task<(int Total, List<string> Ids)> PageAsync(string communityId, HsdsListQuery query, int page, int perPage, CancellationToken ct = default)
    {
        var table = query.Table;
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        var where = new List<string> { "t.community_id = @c" };
        Migrator.AddParameter(cmd, "@c", communityId);
        if (query.Search is { Length: > 0 } search && query.SearchFields.Count > 0)
        {
            var escaped = search.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            Migrator.AddParameter(cmd, "@s", $"%{escaped}%");
            where.Add("(" + string.Join(" OR ", query.SearchFields.Select(f => $"lower(t.{Column(table, f)}) LIKE @s ESCAPE '\\'")) + ")");
        }

        var n = 0;
        foreach (var (field, value) in query.Equal)
        {
            Migrator.AddParameter(cmd, "@e" + n, value);
            where.Add($"t.{Column(table, field)} = @e{n++}");
        }

        var attributes = HsdsModel.Table("attribute").SqlTable;
        if (query.LinkedTermId is { } termId)
        {
            Migrator.AddParameter(cmd, "@term", termId);
            where.Add($"EXISTS (SELECT 1 FROM {attributes} a WHERE a.community_id = t.community_id AND a.link_id = t.id AND a.taxonomy_term_id = @term)");
        }

        if (query.LinkedTaxonomyId is { } taxonomyId)
        {
            Migrator.AddParameter(cmd, "@taxonomy", taxonomyId);
            where.Add($"EXISTS (SELECT 1 FROM {attributes} a JOIN {HsdsModel.Table("taxonomy_term").SqlTable} tt ON tt.community_id = a.community_id AND tt.id = a.taxonomy_term_id " +
                      "WHERE a.community_id = t.community_id AND a.link_id = t.id AND tt.taxonomy_id = @taxonomy)");
        }

        // ISO 8601 text with any offset starts with a local date no earlier than the day before the
        // UTC date, so the database narrows by text and the exact instant is compared here.
        if (query.ModifiedAfter is { } after)
        {
            var dayBefore = after.UtcDateTime < DateTime.MinValue.AddDays(1) ? DateTime.MinValue : after.UtcDateTime.AddDays(-1);
            Migrator.AddParameter(cmd, "@after", dayBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            where.Add($"t.{Column(table, "last_modified")} >= @after");
        }

        var from = $"FROM {table.SqlTable} t WHERE {string.Join(" AND ", where)}";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (query.ModifiedAfter is { } exact)
            {
                cmd.CommandText = $"SELECT t.id, t.last_modified {from} ORDER BY t.id";
                var ids = new List<string>();
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (DateTimeOffset.TryParse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified) && modified > exact)
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                // In long arithmetic: page 2,147,483,647 must be past the end, not wrap round to page 1.
                var skip = (long)(page - 1) * perPage;
                return (ids.Count, skip >= ids.Count ? [] : [.. ids.Skip((int)skip).Take(perPage)]);
            }

            cmd.CommandText = $"SELECT COUNT(*) {from}";
            var total = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            cmd.CommandText = $"SELECT t.id {from} ORDER BY t.id LIMIT {perPage} OFFSET {(long)(page - 1) * perPage}";
            var pageIds = new List<string>(perPage);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) pageIds.Add(reader.GetString(0));
            }

            return (total, pageIds);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The records of a table whose column holds one of the values.</summary>
    public async Task<List<HsdsRecord>> WhereInAsync(string communityId, HsdsTable table, string column, IReadOnlyCollection<string> values, CancellationToken ct = default)
    {
        var records = new List<HsdsRecord>();
        if (values.Count == 0) return records;
        var field = Column(table, column);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var chunk in values.Chunk(Batch))
            {
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                Migrator.AddParameter(cmd, "@c", communityId);
                for (var i = 0; i < chunk.Length; i++) Migrator.AddParameter(cmd, "@v" + i, chunk[i]);
                cmd.CommandText = $"SELECT {string.Join(", ", table.Fields.Select(f => f.Name))} FROM {table.SqlTable} " +
                                  $"WHERE community_id = @c AND {field} IN ({string.Join(", ", chunk.Select((_, i) => "@v" + i))})";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                records.AddRange(await DirectoryStore.ReadRecordsAsync(reader, table, communityId, ct));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return records;
    }

    /// <summary>The names of the organizations found among the ids (null where the data has none).</summary>
    public async Task<Dictionary<string, string?>> OrganizationNamesAsync(string communityId, IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        (await WhereInAsync(communityId, HsdsModel.Table<Organization>(), "id", ids, ct)).Cast<Organization>().ToDictionary(o => o.Id, o => o.Name);

    /// <summary>Each organization's Braid sector (its sector attribute's taxonomy term id), among the ids given; organizations with none are left out.</summary>
    public async Task<Dictionary<string, string>> SectorTermsOfAsync(string communityId, IReadOnlyCollection<string> organizationIds, CancellationToken ct = default) =>
        (await WhereInAsync(communityId, HsdsModel.Table<HsdsAttribute>(), "link_id", organizationIds, ct)).Cast<HsdsAttribute>()
            .Where(a => a.LinkEntity == "organization" && a.LinkType == "sector" && a.LinkId is not null && a.TaxonomyTermId is not null)
            .GroupBy(a => a.LinkId!).ToDictionary(g => g.Key, g => g.First().TaxonomyTermId!);

    /// <summary>
    /// The organizations (id, name) that can fund: those placed in one of the sectors given by their
    /// Braid sector attribute, or, in a directory without sectors, the first 2,000 organizations by name.
    /// </summary>
    public async Task<Dictionary<string, string?>> OrganizationsOfSectorsAsync(string communityId, IReadOnlyList<string> sectorTermIds, CancellationToken ct = default)
    {
        var table = HsdsModel.Table<Organization>();
        var attributes = HsdsModel.Table<HsdsAttribute>().SqlTable;
        var parameters = sectorTermIds.Select((t, i) => ("@t" + i, t)).ToDictionary();
        var bySector = (await BatchAsync(communityId, [(table, $"id IN (SELECT link_id FROM {attributes} WHERE community_id = @c AND link_entity = 'organization' AND link_type = 'sector' AND taxonomy_term_id IN ({string.Join(", ", parameters.Keys)}))")], parameters, ct))[0];
        var organizations = bySector.Count > 0 ? bySector : (await BatchAsync(communityId, [(table, "1 = 1")], new Dictionary<string, string>(), ct))[0];
        return organizations.Cast<Organization>().OrderBy(o => o.Name, StringComparer.Ordinal).Take(2000).ToDictionary(o => o.Id, o => o.Name);
    }

    /// <summary>
    /// Several selections of records in one command and one round trip: each a table and a condition
    /// over its columns (SQL written by Braid, never from a request) that may use <c>@c</c> (the
    /// community) and the named parameters given.
    /// </summary>
    public async Task<List<List<HsdsRecord>>> BatchAsync(string communityId, IReadOnlyList<(HsdsTable Table, string Where)> selections,
        IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default)
    {
        var results = new List<List<HsdsRecord>>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            Migrator.AddParameter(cmd, "@c", communityId);
            foreach (var (name, value) in parameters) Migrator.AddParameter(cmd, name, value);
            cmd.CommandText = string.Join(";\n", selections.Select(q =>
                $"SELECT {string.Join(", ", q.Table.Fields.Select(f => f.Name))} FROM {q.Table.SqlTable} WHERE community_id = @c AND ({q.Where})"));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            foreach (var (table, _) in selections)
            {
                results.Add(await DirectoryStore.ReadRecordsAsync(reader, table, communityId, ct));
                await reader.NextResultAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return results;
    }

    // Column names come from the HSDS model, never from the request.
    private static string Column(HsdsTable table, string field) =>
        table.FieldsByName.TryGetValue(field, out var f) ? f.Name : throw new ArgumentException($"{table.Name} has no field '{field}'.", nameof(field));
}
