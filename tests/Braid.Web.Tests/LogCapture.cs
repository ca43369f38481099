using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Braid.Web.Tests;

/// <summary>The app's log lines with their scopes, as a log collector would see them.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>One line per entry: the message, then each scope value as key=value.</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Line, Exception? Exception)> Entries { get; } = new();

    public IEnumerable<string> Lines => Entries.Select(e => e.Line);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder(formatter(state, exception));
            owner._scopes.ForEachScope((scope, sb) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    foreach (var (key, value) in pairs) sb.Append(' ').Append(key).Append('=').Append(value);
            }, line);
            owner.Entries.Enqueue((logLevel, category, line.ToString(), exception));
        }
    }
}
