using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Braid.Core.Audit;

namespace Braid.Data.Audit;

/// <summary>What community admins can search the audit trail by; every criterion is optional.</summary>
public sealed record AuditQuery
{
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? Target { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int Page { get; init; } = 1;
    public int PerPage { get; init; } = 50;
}

/// <summary>
/// The append-only, hash-chained audit trail. Appending locks one lane's head (see
/// <see cref="AuditLane"/>) until the caller's transaction commits, so writers in the same lane
/// extend it one at a time; on PostgreSQL a writer takes the first lane nobody holds, so concurrent
/// transactions commit side by side. There is no update or delete.
/// </summary>
public sealed class AuditLog(BraidDbContext db, TimeProvider time)
{
    private const int InsertChunk = 200;

    /// <summary>Lanes on PostgreSQL (migration 0019); SQLite, with one writer at a time, uses lane 1 alone.</summary>
    public const int Lanes = 32;

    private const string Columns = "seq, at, community_id, actor, action, outcome, organization_id, target, client_address, purpose, previous_hash, hash, lane, lane_position";

    /// <summary>Appends an event, inside the caller's transaction when there is one so the event commits with the change it records.</summary>
    public async Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken ct = default) => (await AppendAsync([entry], ct))[0];

    /// <summary>
    /// Appends events in order, inside the caller's transaction when there is one: a lane taken,
    /// their numbers claimed at once, their rows inserted together, the lane's head moved once.
    /// </summary>
    public Task<IReadOnlyList<AuditEvent>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct = default) => db.InTransactionAsync(async tx =>
    {
        if (entries.Count == 0) return (IReadOnlyList<AuditEvent>)[];
        var (lane, position, previous, numbers) = db.Database.IsNpgsql() ? await TakeLaneAsync(tx, entries.Count, ct) : await TakeOnlyLaneAsync(tx, entries.Count, ct);

        var at = time.GetUtcNow();
        var events = new List<AuditEvent>(entries.Count);
        foreach (var entry in entries)
        {
            events.Add(AuditChain.Next(numbers[events.Count], at, entry, events.Count > 0 ? events[^1].Hash : previous, lane, position + events.Count + 1));
        }

        // Rows in chunks, so an import's thousands of events stay within both engines' parameter limits.
        foreach (var chunk in events.Chunk(InsertChunk))
        {
            await using var insert = tx.Command($"INSERT INTO audit_events ({Columns}) VALUES " + string.Join(", ", chunk.Select((_, i) =>
                $"(@seq{i}, @at{i}, @c{i}, @actor{i}, @action{i}, @outcome{i}, @org{i}, @target{i}, @addr{i}, @purpose{i}, @prev{i}, @hash{i}, @lane, @pos{i})")));
            Migrator.AddParameter(insert, "@lane", lane);
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                Migrator.AddParameter(insert, $"@seq{i}", e.Seq);
                Migrator.AddParameter(insert, $"@at{i}", AuditChain.FormatTime(e.At));
                Migrator.AddParameter(insert, $"@c{i}", e.Entry.CommunityId);
                Migrator.AddParameter(insert, $"@actor{i}", e.Entry.Actor);
                Migrator.AddParameter(insert, $"@action{i}", e.Entry.Action);
                Migrator.AddParameter(insert, $"@outcome{i}", e.Entry.Outcome);
                Migrator.AddParameter(insert, $"@org{i}", e.Entry.OrganizationId);
                Migrator.AddParameter(insert, $"@target{i}", e.Entry.Target);
                Migrator.AddParameter(insert, $"@addr{i}", e.Entry.ClientAddress);
                Migrator.AddParameter(insert, $"@purpose{i}", e.Entry.Purpose);
                Migrator.AddParameter(insert, $"@prev{i}", e.PreviousHash);
                Migrator.AddParameter(insert, $"@hash{i}", e.Hash);
                Migrator.AddParameter(insert, $"@pos{i}", e.Position);
            }

            // The lane's head moves in the last chunk's round trip.
            if (chunk[^1] == events[^1])
            {
                insert.CommandText += "; UPDATE audit_lanes SET hash = @head WHERE lane = @lane";
                Migrator.AddParameter(insert, "@head", events[^1].Hash);
            }

            await insert.ExecuteNonQueryAsync(ct);
        }

        return (IReadOnlyList<AuditEvent>)events;
    }, ct);

    /// <summary>
    /// Takes the first lane nobody holds (or, when all are held, waits for one picked at random),
    /// counts the events into it, and draws their numbers, all in one statement.
    /// </summary>
    private static async Task<(int Lane, long Position, string Previous, long[] Numbers)> TakeLaneAsync(DbTransaction tx, int count, CancellationToken ct)
    {
        // A writer that waited for a held lane may find, once it is let in, that the free lane the
        // statement looks for again is another one: then it took nothing, and tries again.
        const int tries = 10;
        for (var attempt = 0; attempt < tries; attempt++)
        {
            await using var take = tx.Command("""
                WITH taken AS (
                    UPDATE audit_lanes SET events = events + @n
                    WHERE lane = COALESCE((SELECT lane FROM audit_lanes ORDER BY lane LIMIT 1 FOR UPDATE SKIP LOCKED), @any)
                    RETURNING lane, events, hash)
                SELECT lane, events, hash, nextval('audit_seq') AS seq FROM taken, generate_series(1, @n) ORDER BY seq
                """);
            Migrator.AddParameter(take, "@n", count);
            Migrator.AddParameter(take, "@any", Random.Shared.Next(1, Lanes + 1));
            await using var reader = await take.ExecuteReaderAsync(ct);
            var numbers = new long[count];
            var read = 0;
            (int Lane, long Events, string Hash) lane = (0, 0, "");
            for (; await reader.ReadAsync(ct); read++)
            {
                lane = (reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2));
                numbers[read] = reader.GetInt64(3);
            }

            if (read == count) return (lane.Lane, lane.Events - count, lane.Hash, numbers);
        }

        throw new InvalidOperationException($"No audit lane could be taken in {tries} tries; nothing was written.");
    }

    // One writer at a time holds the database: lane 1 is never contended, and numbers follow the highest stored.
    private static async Task<(int Lane, long Position, string Previous, long[] Numbers)> TakeOnlyLaneAsync(DbTransaction tx, int count, CancellationToken ct)
    {
        long events;
        string previous;
        await using (var take = tx.Command("UPDATE audit_lanes SET events = events + @n WHERE lane = 1 RETURNING events, hash"))
        {
            Migrator.AddParameter(take, "@n", count);
            await using var reader = await take.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (events, previous) = (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1));
        }

        await using var last = tx.Command("SELECT COALESCE(MAX(seq), 0) FROM audit_events");
        var highest = Convert.ToInt64(await last.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        return (1, events - count, previous, [.. Enumerable.Range(1, count).Select(i => highest + i)]);
    }

    /// <summary>
    /// Checks every lane of the trail, read lane by lane in number order, and then, when given,
    /// that it still holds what each signed checkpoint saw (<see cref="AuditCheckpoint.Check"/>).
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(IReadOnlyList<AuditCheckpoint>? checkpoints = null, ECDsa? key = null, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var heads = await HeadsAsync(ct);
            var events = new List<AuditEvent>();
            await foreach (var e in ReadAsync(connection, "1 = 1", [], "lane, seq", null, ct)) events.Add(e);
            var chain = AuditChain.Verify(events, heads);
            if (!chain.Intact || checkpoints is not { Count: > 0 }) return chain;
            return AuditCheckpoint.Check(events, checkpoints, key ?? throw new ArgumentNullException(nameof(key))) is { } problem
                ? new AuditVerification(false, chain.Verified, null, problem)
                : chain;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every lane's head as committed now: what a checkpoint signs.</summary>
    public async Task<List<AuditLane>> HeadsAsync(CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var heads = new List<AuditLane>();
            await using var head = Command(db.Database.GetDbConnection(), null, "SELECT lane, events, hash FROM audit_lanes ORDER BY lane");
            await using var reader = await head.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                heads.Add(new AuditLane(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2)));
            return heads;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A page of a community's events, newest first, and how many match.</summary>
    public async Task<(int Total, List<AuditEvent> Events)> SearchAsync(string communityId, AuditQuery q, CancellationToken ct = default)
    {
        var where = new List<string> { "community_id = @c" };
        var parameters = new List<(string, object?)> { ("@c", communityId) };
        void Add(string sql, string name, object? value)
        {
            where.Add(sql);
            parameters.Add((name, value));
        }

        if (q.Actor is { } actor) Add("actor = @actor", "@actor", actor);
        if (q.Action is { } action) Add("action = @action", "@action", action);
        if (q.Target is { } target) Add("target = @target", "@target", target);
        if (q.From is { } from) Add("at >= @from", "@from", AuditChain.FormatTime(from));
        if (q.To is { } to) Add("at < @to", "@to", AuditChain.FormatTime(to));
        var filter = string.Join(" AND ", where);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            int total;
            await using (var count = Command(connection, null, $"SELECT COUNT(*) FROM audit_events WHERE {filter}"))
            {
                foreach (var (name, value) in parameters) Migrator.AddParameter(count, name, value);
                total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            }

            var events = new List<AuditEvent>();
            var limit = $"LIMIT {q.PerPage} OFFSET {(long)(q.Page - 1) * q.PerPage}";
            await foreach (var e in ReadAsync(connection, filter, parameters, "seq DESC", limit, ct)) events.Add(e);
            return (total, events);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async IAsyncEnumerable<AuditEvent> ReadAsync(DbConnection connection, string filter, List<(string, object?)> parameters, string order, string? limit,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = Command(connection, null, $"SELECT {Columns} FROM audit_events WHERE {filter} ORDER BY {order} {limit}");
        foreach (var (name, value) in parameters) Migrator.AddParameter(cmd, name, value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var entry = new AuditEntry(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), Text(6), Text(7), Text(8), Text(9));
            var at = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            yield return new AuditEvent(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), at, entry, reader.GetString(10), reader.GetString(11))
            {
                Lane = Convert.ToInt32(reader.GetValue(12), CultureInfo.InvariantCulture), Position = Convert.ToInt64(reader.GetValue(13), CultureInfo.InvariantCulture),
            };
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }
}
