using System.Collections.Concurrent;
using System.Diagnostics;

namespace Braid.Testing;

/// <summary>
/// Counts the SQL commands one PostgreSQL database is sent while it listens, from Npgsql's own
/// tracing (one activity per command executed), so a test can see a round trip per row (N+1) where
/// there should be one. Tests running at the same time use other databases, so they do not count.
/// </summary>
public sealed class SqlCommands : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _commands = new();

    /// <param name="connectionString">The database whose commands count.</param>
    public SqlCommands(string connectionString)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name")) as string == database &&
                    (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql)
                {
                    _commands.Enqueue(sql);
                }
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
