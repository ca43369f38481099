using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Braid.Data;

/// <summary>The one way Braid opens a transaction.</summary>
public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in the context's current transaction when there is one (the
    /// caller then commits), otherwise in a transaction of its own that commits when the work
    /// returns and rolls back when it throws. Raw commands must be given the transaction passed in.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this BraidDbContext db, Func<DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is { } outer) return await work(outer.GetDbTransaction());
        // A failed statement fails the whole transaction: Braid never carries on inside one after an
        // error, so EF's savepoint around each SaveChanges would be two round trips for nothing.
        db.Database.AutoSavepointsEnabled = false;
        var queue = WritersOf(db);
        if (queue is not null) await queue.WaitAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work(tx.GetDbTransaction());
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            queue?.Release();
        }
    }

    // SQLite lets one connection write at a time (a transaction here begins IMMEDIATE, taking that
    // turn) and has the others retry with ever longer sleeps, so under many writers a late one can
    // lose race after race and wait seconds. A process's transactions on one file queue here
    // instead, first come first served: SemaphoreSlim releases its waiters in the order they came.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    private static SemaphoreSlim? WritersOf(BraidDbContext db) => db.Database.IsSqlite()
        ? SqliteWriters.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource), _ => new SemaphoreSlim(1, 1))
        : null;

    /// <summary>A raw command on the transaction's connection.</summary>
    public static DbCommand Command(this DbTransaction tx, string sql)
    {
        var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }
}
