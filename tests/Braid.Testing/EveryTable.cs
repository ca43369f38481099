using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Braid.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Braid.Testing;

/// <summary>
/// Every table of a database, found from its catalogue rather than from a list that could fall
/// behind the migrations: each one's whole content (as text or a fingerprint), and a way to put a
/// row in those a test left empty.
/// </summary>
public static class EveryTable
{
    /// <summary>Each table and a hash of its rows (as text, sorted), so two databases compare table by table.</summary>
    public static async Task<SortedDictionary<string, (int Rows, string Hash)>> FingerprintAsync(string connectionString) =>
        new((await RowsAsync(connectionString)).ToDictionary(t => t.Key,
            t => (t.Value.Count, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', t.Value)))))), StringComparer.Ordinal);

    /// <summary>Each table and its rows, each row as the text of its columns (sorted).</summary>
    public static async Task<SortedDictionary<string, List<string>>> RowsAsync(string connectionString)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(connection))
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            // PostgreSQL writes a whole row as its text literal, whatever its types (PostGIS included).
            select.CommandText = connection is NpgsqlConnection ? $"SELECT t::text FROM \"{table}\" t" : $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i)))));
            rows.Sort(StringComparer.Ordinal);
            result[table] = rows;
        }

        return result;
    }

    /// <summary>
    /// Puts one made-up row in every empty table, its foreign keys pointing at rows that exist (so a
    /// restore that checks them accepts it), checks aside (SQLite without its foreign-key
    /// enforcement, PostgreSQL as a replica applying rows). Returns the tables it could not fill and why.
    /// </summary>
    public static async Task<Dictionary<string, string>> FillEmptyAsync(string connectionString)
    {
        var sqlite = DatabaseOptions.ProviderOf(connectionString) == DatabaseProvider.Sqlite;
        await using var connection = sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = false, Pooling = false }.ToString())
            : (DbConnection)new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (!sqlite) await ExecuteAsync(connection, "SET session_replication_role = replica");
        var empty = new List<string>();
        foreach (var table in await TablesAsync(connection))
            if (await CountAsync(connection, table) == 0) empty.Add(table);

        // A table is filled once the tables it refers to have rows; what never gets there is reported.
        var failed = new Dictionary<string, string>();
        for (var progress = true; progress && empty.Count > 0;)
        {
            progress = false;
            foreach (var table in empty.ToList())
            {
                var columns = await ColumnsAsync(connection, table);
                var values = columns.ToDictionary(c => c.Name, c => Literal(c.Type));
                var waiting = false;
                foreach (var (parent, pairs) in await ForeignKeysAsync(connection, table))
                {
                    if (empty.Contains(parent))
                    {
                        // Waits for the parent, unless the columns may be null (a table that refers to itself).
                        if (pairs.All(p => columns.First(c => c.Name == p.Child).Nullable)) foreach (var p in pairs) values[p.Child] = "NULL";
                        else waiting = true;
                        continue;
                    }

                    foreach (var p in pairs)
                        values[p.Child] = "(SELECT \"" + p.Parent + "\" FROM \"" + parent + "\" ORDER BY 1 LIMIT 1)";
                }

                if (waiting) continue;
                try
                {
                    await ExecuteAsync(connection, $"INSERT INTO \"{table}\" ({string.Join(", ", values.Keys.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", values.Values)})");
                }
                catch (DbException e)
                {
                    failed[table] = e.Message;
                }

                empty.Remove(table);
                progress = true;
            }
        }

        foreach (var table in empty) failed[table] = "its foreign keys wait for each other";
        return failed;
    }

    private static async Task<long> CountAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Each foreign key of the table: the table it refers to and its (child, parent) column pairs.</summary>
    private static async Task<List<(string Parent, List<(string Child, string Parent)> Pairs)>> ForeignKeysAsync(DbConnection connection, string table)
    {
        var keys = new Dictionary<string, (string Parent, List<(string, string)> Pairs)>();
        await using var list = connection.CreateCommand();
        list.CommandText = connection is NpgsqlConnection
            ? $"""
              SELECT con.conname, parent.relname, a.attname, pa.attname
              FROM pg_constraint con
              JOIN pg_class child ON child.oid = con.conrelid
              JOIN pg_class parent ON parent.oid = con.confrelid
              JOIN LATERAL unnest(con.conkey, con.confkey) AS k(c, p) ON true
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.c
              JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.p
              WHERE con.contype = 'f' AND child.relname = '{table}'
              """
            : $"SELECT CAST(id AS TEXT), \"table\", \"from\", COALESCE(\"to\", (SELECT name FROM pragma_table_info(\"table\") WHERE pk = 1)) FROM pragma_foreign_key_list('{table}')";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            if (!keys.TryGetValue(id, out var key)) keys[id] = key = (reader.GetString(1), []);
            key.Pairs.Add((reader.GetString(2), reader.GetString(3)));
        }

        return [.. keys.Values.Select(k => (k.Parent, k.Pairs))];
    }

    private static DbConnection Open(string connectionString) =>
        DatabaseOptions.ProviderOf(connectionString) == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);

    private static async Task<List<string>> TablesAsync(DbConnection connection)
    {
        var tables = new List<string>();
        await using var list = connection.CreateCommand();
        list.CommandText = connection is NpgsqlConnection
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<List<(string Name, string Type, bool Nullable)>> ColumnsAsync(DbConnection connection, string table)
    {
        var columns = new List<(string, string, bool)>();
        await using var list = connection.CreateCommand();
        list.CommandText = connection is NpgsqlConnection
            ? $"SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' AND is_generated = 'NEVER' AND is_identity = 'NO' ORDER BY ordinal_position"
            : $"SELECT name, type, \"notnull\" = 0 AND pk = 0 FROM pragma_table_info('{table}')";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1).ToLowerInvariant(), reader.GetBoolean(2)));
        return columns;
    }

    /// <summary>A value of the column's type, as a literal either engine casts.</summary>
    private static string Literal(string type) => type switch
    {
        _ when type.Contains("int", StringComparison.Ordinal) => "1",
        _ when type.Contains("double", StringComparison.Ordinal) || type.Contains("real", StringComparison.Ordinal) || type.Contains("numeric", StringComparison.Ordinal) => "1.5",
        "boolean" => "true",
        _ when type.StartsWith("timestamp", StringComparison.Ordinal) => "'2026-01-01T00:00:00Z'",
        "date" => "'2026-01-01'",
        "uuid" => "'00000000-0000-0000-0000-000000000001'",
        "json" or "jsonb" => "'{}'",
        "bytea" => "'\\x00'",
        "blob" => "X'00'",
        "array" => "'{}'",
        "geometry" => "'SRID=4326;POINT(0 0)'",
        _ => "'made-up'",
    };

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Text(object value) => value switch
    {
        DBNull => "\u2400",
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
