namespace Braid.Data.Directory;

/// <summary>Reads and writes a community's HSDS directory in bulk, the same SQL on SQLite and PostgreSQL.</summary>
/// <param name="db">The database.</param>
/// <param name="time">The clock that dates new communities (the system clock when not given).</param>
public sealed class DirectoryStore(BraidDbContext db, TimeProvider? time = null)
{
    /// <summary>How many of the latest directory versions the change log keeps.</summary>
    public const int KeptVersions = 1_000;

    public async Task<Community> EnsureCommunityAsync(string id, string name, string timeZone, CancellationToken ct = default)
    {
        var community = await db.Communities.FindAsync([id], ct);
        if (community is null)
        {
            community = new Community { Id = id, Name = name, TimeZone = timeZone, CreatedAt = (time ?? TimeProvider.System).GetUtcNow() };
            db.Communities.Add(community);
            await db.SaveChangesAsync(ct);
        }

        return community;
    }

    public async Task<long> DirectoryVersionAsync(string communityId, CancellationToken ct = default) =>
        await db.Communities.Where(c => c.Id == communityId).Select(c => c.DirectoryVersion).FirstOrDefaultAsync(ct);

    /// <summary>Loads every HSDS table of a community.</summary>
    public async Task<HsdsDataset> LoadAsync(string communityId, CancellationToken ct = default)
    {
        var data = new HsdsDataset();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in HsdsModel.Tables)
            {
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = $"SELECT {string.Join(", ", table.Fields.Select(f => f.Name))} FROM {table.SqlTable} WHERE community_id = @c";
                Migrator.AddParameter(cmd, "@c", communityId);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                foreach (var record in await ReadRecordsAsync(reader, table, communityId, ct))
                {
                    data.Put(record);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return data;
    }

    /// <summary>Reads rows selected as the table's fields in model order.</summary>
    internal static async Task<List<HsdsRecord>> ReadRecordsAsync(DbDataReader reader, HsdsTable table, string communityId, CancellationToken ct)
    {
        var records = new List<HsdsRecord>();
        while (await reader.ReadAsync(ct))
        {
            var record = table.Create();
            record.CommunityId = communityId;
            for (var i = 0; i < table.Fields.Count; i++)
            {
                if (reader.IsDBNull(i)) continue;
                var field = table.Fields[i];
                if (field.IsNumber) field.SetNumber(record, reader.GetDouble(i));
                else field.SetText(record, reader.GetString(i));
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>The ids already stored for a community, per HSDS table, to check references against.</summary>
    public async Task<Dictionary<string, HashSet<string>>> IdsAsync(string communityId, CancellationToken ct = default)
    {
        var ids = new Dictionary<string, HashSet<string>>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in HsdsModel.Tables)
            {
                var set = ids[table.Name] = new HashSet<string>(StringComparer.Ordinal);
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = $"SELECT id FROM {table.SqlTable} WHERE community_id = @c";
                Migrator.AddParameter(cmd, "@c", communityId);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) set.Add(reader.GetString(0));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return ids;
    }

    /// <summary>Row count per HSDS table for a community.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(string communityId, CancellationToken ct = default)
    {
        var counts = new Dictionary<string, long>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in HsdsModel.Tables)
            {
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM {table.SqlTable} WHERE community_id = @c";
                Migrator.AddParameter(cmd, "@c", communityId);
                counts[table.Name] = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return counts;
    }

    /// <summary>
    /// The listings that writes after <paramref name="sinceVersion"/> touched, up to the current
    /// version: those still stored (to index anew) and the ids logged for listings that may be gone.
    /// Null when the index must be rebuilt instead: a write too large to list, a deletion that took
    /// listings with it, or versions the log does not cover (written before it existed).
    /// </summary>
    public async Task<DirectoryDelta?> ChangesSinceAsync(string communityId, long sinceVersion, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            long current, covered;
            bool all;
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT (SELECT directory_version FROM communities WHERE id = @c), COUNT(DISTINCT version), " +
                                  "COUNT(CASE WHEN kind = 'all' THEN 1 END) FROM directory_changes WHERE community_id = @c AND version > @v";
                Migrator.AddParameter(cmd, "@c", communityId);
                Migrator.AddParameter(cmd, "@v", sinceVersion);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                current = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                covered = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                all = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) > 0;
            }

            if (all || covered != current - sinceVersion) return null;
            var sals = HsdsModel.Table<ServiceAtLocation>().SqlTable;
            var touched = new HashSet<string>(StringComparer.Ordinal);
            var logged = new HashSet<string>(StringComparer.Ordinal);
            // Each way a change reaches a listing is one indexed lookup from the (small) log outwards;
            // CROSS JOIN keeps SQLite from starting with the (large) listing table.
            string From(params string[] kinds) =>
                $"FROM directory_changes d CROSS JOIN {sals} s WHERE d.community_id = @c AND d.version > @v AND d.version <= @now " +
                $"AND d.kind IN ({string.Join(", ", kinds.Select(k => $"'{k}'"))}) AND s.community_id = @c";
            var services = HsdsModel.Table<Service>().SqlTable;
            var attributes = HsdsModel.Table<HsdsAttribute>().SqlTable;
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText =
                    $"SELECT s.id {From(ChangeKinds.ServiceAtLocation, ChangeKinds.Link)} AND s.id = d.id " +
                    $"UNION SELECT s.id {From(ChangeKinds.Service, ChangeKinds.Link)} AND s.service_id = d.id " +
                    $"UNION SELECT s.id {From(ChangeKinds.Location, ChangeKinds.Link)} AND s.location_id = d.id " +
                    $"UNION SELECT s.id {From(ChangeKinds.Organization)} AND s.service_id IN (SELECT x.id FROM {services} x WHERE x.community_id = @c AND x.organization_id = d.id) " +
                    $"UNION SELECT s.id {From(ChangeKinds.Term)} AND s.service_id IN (SELECT a.link_id FROM {attributes} a WHERE a.community_id = @c AND a.taxonomy_term_id = d.id);" +
                    $"SELECT id FROM directory_changes WHERE community_id = @c AND version > @v AND version <= @now AND kind = '{ChangeKinds.ServiceAtLocation}'";
                Migrator.AddParameter(cmd, "@c", communityId);
                Migrator.AddParameter(cmd, "@v", sinceVersion);
                Migrator.AddParameter(cmd, "@now", current);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) touched.Add(reader.GetString(0));
                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct)) logged.Add(reader.GetString(0));
            }

            return new DirectoryDelta(current, touched, logged);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What the search index needs of some listings: them, their services, locations, organizations, addresses, accessibility, required documents, hours, phones, languages and terms.</summary>
    public async Task<HsdsDataset> LoadListingsAsync(string communityId, IReadOnlyCollection<string> serviceAtLocationIds, CancellationToken ct = default)
    {
        var reader = new HsdsReader(db);
        var data = new HsdsDataset();
        async Task<List<T>> Get<T>(string column, IEnumerable<string?> values) where T : HsdsRecord
        {
            var found = (await reader.WhereInAsync(communityId, HsdsModel.Table<T>(), column, [.. values.OfType<string>().Distinct()], ct)).Cast<T>().ToList();
            foreach (var record in found) data.Put(record);
            return found;
        }

        var sals = await Get<ServiceAtLocation>("id", serviceAtLocationIds);
        var services = await Get<Service>("id", sals.Select(s => s.ServiceId));
        var locations = await Get<Location>("id", sals.Select(s => s.LocationId));
        await Get<Organization>("id", services.Select(s => s.OrganizationId));
        await Get<Address>("location_id", locations.Select(l => l.Id));
        await Get<Accessibility>("location_id", locations.Select(l => l.Id));
        await Get<RequiredDocument>("service_id", services.Select(s => s.Id));
        var (salIds, serviceIds, locationIds) = (sals.Select(s => s.Id).ToList(), services.Select(s => s.Id).ToList(), locations.Select(l => l.Id).ToList());
        foreach (var column in new[] { "service_at_location_id", "service_id", "location_id" })
        {
            var ids = column == "service_id" ? serviceIds : column == "location_id" ? locationIds : salIds;
            await Get<Schedule>(column, ids);
            await Get<Phone>(column, ids);
            if (column != "service_at_location_id") await Get<Language>(column, ids);
        }

        var attributes = await Get<HsdsAttribute>("link_id", serviceIds);
        await Get<TaxonomyTerm>("id", attributes.Select(a => a.TaxonomyTermId));
        return data;
    }

    /// <summary>
    /// Inserts or updates (by community and id) every record and deletes the given ones, in one
    /// transaction (the caller's when there is one), bumps the community's directory version and
    /// records the import; all or nothing.
    /// </summary>
    public async Task<int> WriteAsync(string communityId, IEnumerable<HsdsRecord> records, ImportRun? run = null, IProgress<int>? progress = null,
        CancellationToken ct = default, IEnumerable<HsdsRecord>? deletes = null)
    {
        var written = await db.InTransactionAsync(async tx =>
        {
            var changes = new DirectoryChanges();
            foreach (var record in deletes ?? [])
            {
                changes.Deleted(record);
                await using var delete = tx.Command($"DELETE FROM {HsdsModel.TableOf(record).SqlTable} WHERE community_id = @c AND id = @i");
                Migrator.AddParameter(delete, "@c", communityId);
                Migrator.AddParameter(delete, "@i", record.Id);
                await delete.ExecuteNonQueryAsync(ct);
            }

            var commands = new Dictionary<HsdsTable, DbCommand>();
            var written = 0;
            try
            {
                foreach (var record in records)
                {
                    var table = HsdsModel.TableOf(record);
                    if (!commands.TryGetValue(table, out var cmd))
                    {
                        commands[table] = cmd = UpsertCommand(tx, table);
                    }

                    cmd.Parameters[0].Value = communityId;
                    for (var i = 0; i < table.Fields.Count; i++)
                    {
                        cmd.Parameters[i + 1].Value = table.Fields[i].Get(record) ?? DBNull.Value;
                    }

                    await cmd.ExecuteNonQueryAsync(ct);
                    changes.Written(record);
                    if (++written % 10_000 == 0) progress?.Report(written);
                }
            }
            finally
            {
                foreach (var cmd in commands.Values) await cmd.DisposeAsync();
            }

            long version;
            await using (var bump = tx.Command("UPDATE communities SET directory_version = directory_version + 1 WHERE id = @c RETURNING directory_version"))
            {
                Migrator.AddParameter(bump, "@c", communityId);
                version = Convert.ToInt64(await bump.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            }

            await using (var log = tx.Command("INSERT INTO directory_changes (community_id, version, kind, id) VALUES (@c, @v, @k, @i)"))
            {
                Migrator.AddParameter(log, "@c", communityId);
                Migrator.AddParameter(log, "@v", version);
                Migrator.AddParameter(log, "@k", "");
                Migrator.AddParameter(log, "@i", "");
                foreach (var (kind, id) in changes.Keys)
                {
                    log.Parameters[2].Value = kind;
                    log.Parameters[3].Value = id;
                    await log.ExecuteNonQueryAsync(ct);
                }
            }

            // The log is kept for the latest versions only: a server further behind than that finds its
            // version no longer covered and rebuilds its index, as after a restart.
            await using (var prune = tx.Command("DELETE FROM directory_changes WHERE community_id = @c AND version <= @v"))
            {
                Migrator.AddParameter(prune, "@c", communityId);
                Migrator.AddParameter(prune, "@v", version - KeptVersions);
                await prune.ExecuteNonQueryAsync(ct);
            }

            if (run is not null)
            {
                await using var log = tx.Command("INSERT INTO import_runs (community_id, id, source, format, started_at, records_written, errors) VALUES (@c, @i, @s, @f, @t, @w, @e)");
                Migrator.AddParameter(log, "@c", communityId);
                Migrator.AddParameter(log, "@i", run.Id);
                Migrator.AddParameter(log, "@s", run.Source);
                Migrator.AddParameter(log, "@f", run.Format);
                Migrator.AddParameter(log, "@t", run.StartedAt.ToString("O"));
                Migrator.AddParameter(log, "@w", written);
                Migrator.AddParameter(log, "@e", run.Errors);
                await log.ExecuteNonQueryAsync(ct);
            }

            return written;
        }, ct);
        progress?.Report(written);
        return written;
    }

    private static DbCommand UpsertCommand(DbTransaction tx, HsdsTable table)
    {
        var cmd = tx.Command("");
        var columns = new[] { "community_id" }.Concat(table.Fields.Select(f => f.Name)).ToList();
        var updates = table.Fields.Where(f => f.Name != "id").Select(f => $"{f.Name} = excluded.{f.Name}");
        cmd.CommandText = $"INSERT INTO {table.SqlTable} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) " +
                          $"ON CONFLICT (community_id, id) DO UPDATE SET {string.Join(", ", updates)}";
        for (var i = 0; i < columns.Count; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i;
            p.DbType = i > 0 && table.Fields[i - 1].IsNumber ? System.Data.DbType.Double : System.Data.DbType.String;
            cmd.Parameters.Add(p);
        }

        cmd.Prepare();
        return cmd;
    }
}

/// <summary>What a write touched that the search index shows, as (kind, id) keys for the directory_changes log.</summary>
internal sealed class DirectoryChanges
{
    /// <summary>Past this many keys a write is logged as "all": the index is rebuilt rather than patched.</summary>
    internal const int MaxKeys = 10_000;

    private readonly HashSet<(string Kind, string Id)> _keys = [];
    private bool _all;

    /// <summary>The keys to log; a write that touched nothing indexed still logs one, so every version has a row.</summary>
    public IEnumerable<(string Kind, string Id)> Keys => _all ? [(ChangeKinds.All, "")] : _keys.Count == 0 ? [(ChangeKinds.None, "")] : _keys;

    public void Written(HsdsRecord record)
    {
        switch (record)
        {
            case ServiceAtLocation sal: Add(ChangeKinds.ServiceAtLocation, sal.Id); break;
            case Service service: Add(ChangeKinds.Service, service.Id); break;
            case Location location: Add(ChangeKinds.Location, location.Id); break;
            case Organization organization: Add(ChangeKinds.Organization, organization.Id); break;
            case Address address: Add(ChangeKinds.Location, address.LocationId); break;
            case Schedule schedule: Linked(schedule.ServiceAtLocationId, schedule.ServiceId, schedule.LocationId); break;
            case Phone phone: Linked(phone.ServiceAtLocationId, phone.ServiceId, phone.LocationId); break;
            case Language language: Linked(null, language.ServiceId, language.LocationId); break;
            case RequiredDocument document: Linked(null, document.ServiceId, null); break;
            case HsdsAttribute attribute: Add(ChangeKinds.Link, attribute.LinkId); break;
            case TaxonomyTerm term: Add(ChangeKinds.Term, term.Id); break;
            // Other tables (contacts, funding, programs, metadata…) are not in the search index.
        }
    }

    /// <summary>
    /// A deleted service, location or organization takes listings with it that can no longer be
    /// found by joining; the index is rebuilt. Other deletions are logged like writes.
    /// </summary>
    public void Deleted(HsdsRecord record)
    {
        if (record is Service or Location or Organization or ServiceAtLocation or Taxonomy) _all = true;
        else Written(record);
    }

    private void Linked(string? serviceAtLocationId, string? serviceId, string? locationId)
    {
        Add(ChangeKinds.ServiceAtLocation, serviceAtLocationId);
        Add(ChangeKinds.Service, serviceId);
        Add(ChangeKinds.Location, locationId);
    }

    private void Add(string kind, string? id)
    {
        if (_all || id is null) return;
        _keys.Add((kind, id));
        if (_keys.Count > MaxKeys) _all = true;
    }
}

/// <summary>The kinds of key in the directory_changes log.</summary>
public static class ChangeKinds
{
    public const string ServiceAtLocation = "service_at_location", Service = "service", Location = "location", Organization = "organization",
        Link = "link", Term = "term", All = "all", None = "none";
}

/// <summary>The listings touched since a version: those stored now (<paramref name="Touched"/>) and those the log names, which may be gone.</summary>
public sealed record DirectoryDelta(long Version, IReadOnlySet<string> Touched, IReadOnlySet<string> Logged);

/// <summary>The record kept of one import.</summary>
public sealed record ImportRun(string Id, string Source, string Format, DateTimeOffset StartedAt, int Errors);
