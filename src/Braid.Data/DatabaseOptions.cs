namespace Braid.Data;

/// <summary>Which database engine a connection string points at.</summary>
public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>Chooses the EF Core provider from the connection string, so one setting switches SQLite to PostgreSQL.</summary>
public static class DatabaseOptions
{
    public static DatabaseProvider ProviderOf(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) ||
        connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    /// <summary>The SQLite file under the data folder: the embedded default.</summary>
    public static string DefaultSqlite(string dataDirectory)
    {
        System.IO.Directory.CreateDirectory(dataDirectory);
        return $"Data Source={Path.Combine(Path.GetFullPath(dataDirectory), "braid.db")};Pooling=True";
    }

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder builder, string connectionString) =>
        ProviderOf(connectionString) == DatabaseProvider.PostgreSql
            ? builder.UseNpgsql(connectionString)
            : builder.UseSqlite(connectionString);

    public static BraidDbContext CreateContext(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<BraidDbContext>();
        builder.Use(connectionString);
        return new BraidDbContext(builder.Options);
    }
}
