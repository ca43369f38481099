namespace Braid.Data.Migrations;

/// <summary>A versioned schema change: <c>NNNN_name.sql</c>, one script per database engine.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded versioned SQL scripts that a database has not seen yet, each in its own
/// transaction, recording them in <c>schema_migrations</c>. EF Core's design-time tooling is not
/// available here, so migrations are plain SQL (see docs/adr).
/// </summary>
public static class Migrator
{
    public static IReadOnlyList<Migration> For(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.PostgreSql ? "postgres" : "sqlite";
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{folder}.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^".sql".Length];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Migration(int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture), file[5..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)];
    }

    /// <summary>Brings the database up to <paramref name="targetVersion"/> (default: the latest) and returns the versions applied, dated by <paramref name="time"/>.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(BraidDbContext db, int? targetVersion = null, CancellationToken ct = default, TimeProvider? time = null)
    {
        var provider = DatabaseOptions.ProviderOf(db.Database.GetConnectionString()!);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (provider == DatabaseProvider.Sqlite)
            {
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", ct);
            }

            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", ct);
            var applied = new HashSet<int>();
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) applied.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }

            var done = new List<int>();
            foreach (var m in For(provider).Where(m => !applied.Contains(m.Version) && m.Version <= (targetVersion ?? int.MaxValue)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, tx, m.Sql, ct);
                await using var record = connection.CreateCommand();
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @a)";
                AddParameter(record, "@v", m.Version);
                AddParameter(record, "@n", m.Name);
                AddParameter(record, "@a", (time ?? TimeProvider.System).GetUtcNow().ToString("O"));
                await record.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
                done.Add(m.Version);
            }

            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<int> CurrentVersionAsync(BraidDbContext db, CancellationToken ct = default)
    {
        var versions = await db.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync(ct);
        return versions.Count == 0 ? 0 : versions.Max();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static void AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
