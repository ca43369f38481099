using System.Collections.Concurrent;
using System.Diagnostics;

namespace Braid.Testing;

/// <summary>
/// Counts the SQL commands PostgreSQL is sent while it listens, from Npgsql's own tracing (one
/// activity per command executed), so a test can see a round trip per row (N+1) where there should be one.
/// </summary>
public sealed class SqlCommands : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _commands = new();

    public SqlCommands()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql) _commands.Enqueue(sql);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The commands sent since the last call, oldest first.</summary>
    public List<string> Take()
    {
        var taken = new List<string>();
        while (_commands.TryDequeue(out var sql)) taken.Add(sql);
        return taken;
    }

    public void Dispose() => _listener.Dispose();
}
