using System.Data.Common;
using System.Globalization;
using Braid.Core.Directory.Hsds;
using Braid.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Braid.Data.Directory;

/// <summary>Reads and writes a community's HSDS directory in bulk, the same SQL on SQLite and PostgreSQL.</summary>
/// <param name="db">The database.</param>
/// <param name="time">The clock that dates new communities (the system clock when not given).</param>
public sealed class DirectoryStore(BraidDbContext db, TimeProvider? time = null)
{
    public async Task<Community> EnsureCommunityAsync(string id, string name, string timeZone, CancellationToken ct = default)
    {
        var community = await db.Communities.FindAsync([id], ct);
        if (community is null)
        {
            community = new Community { Id = id, Name = name, TimeZone = timeZone, CreatedAt = (time ?? TimeProvider.System).GetUtcNow().ToString("O") };
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
                field.Set(record, field.IsNumber ? Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture) : reader.GetString(i));
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
    /// Inserts or updates (by community and id) every record and deletes the given ones, in one
    /// transaction (the caller's when there is one), bumps the community's directory version and
    /// records the import; all or nothing.
    /// </summary>
    public async Task<int> WriteAsync(string communityId, IEnumerable<HsdsRecord> records, ImportRun? run = null, IProgress<int>? progress = null,
        CancellationToken ct = default, IEnumerable<HsdsRecord>? deletes = null)
    {
        var written = await db.InTransactionAsync(async tx =>
        {
            foreach (var record in deletes ?? [])
            {
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
                    if (++written % 10_000 == 0) progress?.Report(written);
                }
            }
            finally
            {
                foreach (var cmd in commands.Values) await cmd.DisposeAsync();
            }

            await using (var bump = tx.Command("UPDATE communities SET directory_version = directory_version + 1 WHERE id = @c"))
            {
                Migrator.AddParameter(bump, "@c", communityId);
                await bump.ExecuteNonQueryAsync(ct);
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

/// <summary>The record kept of one import.</summary>
public sealed record ImportRun(string Id, string Source, string Format, DateTimeOffset StartedAt, int Errors);
