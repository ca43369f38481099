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
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work(tx.GetDbTransaction());
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>A raw command on the transaction's connection.</summary>
    public static DbCommand Command(this DbTransaction tx, string sql)
    {
        var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }
}
