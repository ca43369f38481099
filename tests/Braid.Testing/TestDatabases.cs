using Braid.Data;
using Braid.Data.Migrations;
using Npgsql;

namespace Braid.Testing;

/// <summary>
/// Fresh, migrated databases for tests: a SQLite file, or a new database on the real PostgreSQL
/// server that scripts/test starts (BRAID_TEST_POSTGRES). Without that server the PostgreSQL
/// tests fail rather than skip, so CI can never pass without them.
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite", Postgres = "postgres";

    public static readonly string[] Providers = [Sqlite, Postgres];

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("BRAID_TEST_POSTGRES") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("BRAID_TEST_POSTGRES is not set: run the tests with scripts/test, which starts PostgreSQL.");

    /// <summary>Creates an empty database (not migrated) and returns its connection string.</summary>
    public static async Task<string> CreateEmptyAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "braid-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return $"Data Source={Path.Combine(dir, "braid.db")};Pooling=False";
        }

        var name = "braid_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a database migrated to the latest version.</summary>
    public static async Task<string> CreateAsync(string provider)
    {
        var cs = await CreateEmptyAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        await Migrator.MigrateAsync(db);
        return cs;
    }
}
