using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Braid.Data;

/// <summary>A backup that cannot be taken or restored: the message says why; the database was left as it was.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Whole-database backups: SQLite's online backup (a consistent copy while the server runs), and
/// <c>pg_dump</c>/<c>pg_restore</c> in PostgreSQL's custom format. A restore replaces the database
/// in one step (SQLite copies every page under one lock; <c>pg_restore</c> runs as a single
/// transaction), so a restore that fails leaves what was there.
/// </summary>
public static class DatabaseBackup
{
    public static async Task BackupAsync(string connectionString, string file, CancellationToken ct = default)
    {
        // Written beside the target and moved into place, so a backup cut short never passes for a whole one.
        var partial = file + ".partial";
        File.Delete(partial);
        try
        {
            if (DatabaseOptions.ProviderOf(connectionString) == DatabaseProvider.Sqlite)
            {
                await using var source = new SqliteConnection(connectionString);
                await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            else
            {
                await RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--file", partial], ct);
            }

            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>Replaces everything in the database with the backup's content; a file that is not a Braid backup of this engine is refused untouched.</summary>
    public static async Task RestoreAsync(string connectionString, string file, CancellationToken ct = default)
    {
        if (!File.Exists(file)) throw new BackupException($"There is no backup at {file}.");
        if (DatabaseOptions.ProviderOf(connectionString) == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            try
            {
                await source.OpenAsync(ct);
                await using var check = source.CreateCommand();
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations";
                await check.ExecuteScalarAsync(ct);
            }
            catch (SqliteException e)
            {
                throw new BackupException($"{file} is not a backup of a Braid SQLite database: {e.Message}");
            }

            await using var target = new SqliteConnection(connectionString);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            SqliteConnection.ClearAllPools();
            return;
        }

        var list = await RunAsync("pg_restore", null, ["--list", file], ct);
        if (!list.Contains("TABLE DATA public schema_migrations", StringComparison.Ordinal))
            throw new BackupException($"{file} is not a pg_dump of a Braid PostgreSQL database (it has no schema_migrations).");
        await RunAsync("pg_restore", connectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", file], ct);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Runs a PostgreSQL client tool against the connection string's server and database (the password in its environment, not its arguments); returns what it printed.</summary>
    private static async Task<string> RunAsync(string tool, string? connectionString, IReadOnlyList<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (connectionString is not null)
        {
            var cs = new NpgsqlConnectionStringBuilder(connectionString);
            foreach (var (option, value) in new[] { ("--host", cs.Host), ("--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("--username", cs.Username), ("--dbname", cs.Database) })
            {
                if (value is { Length: > 0 }) psi.ArgumentList.Add($"{option}={value}");
            }

            if (cs.Password is { Length: > 0 } password) psi.Environment["PGPASSWORD"] = password;
        }

        foreach (var arg in args) psi.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} could not be run ({e.Message}); install PostgreSQL's client tools (postgresql-client) of the server's version.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await error).Trim()}");
            return await output;
        }
    }
}
