using Microsoft.Extensions.Logging;

namespace Orleans.Crm.Tests.Observability;

/// <summary>One log line as a provider receives it, with every key/value of the scopes around it.</summary>
public sealed record LoggedLine(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Scopes)
{
    /// <summary>The values of a scope key, innermost last (a line may sit in several scopes with the same key).</summary>
    public IEnumerable<string?> Scope(string key) => Scopes.Where(s => s.Key == key).Select(s => s.Value?.ToString());

    public override string ToString() => $"{Category} {Level}: {Message} [{string.Join(", ", Scopes.Select(s => $"{s.Key}={s.Value}"))}]";
}

/// <summary>A logger provider that keeps every line with its scopes (as the console's JSON formatter writes them).</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly Lock _lock = new();
    private readonly List<LoggedLine> _lines = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>What was logged so far.</summary>
    public IReadOnlyList<LoggedLine> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(LoggedLine line)
    {
        lock (_lock)
        {
            _lines.Add(line);
        }
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<KeyValuePair<string, object?>>();
            provider._scopes.ForEachScope(
                (scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        list.AddRange(pairs);
                    }
                },
                scopes);
            provider.Add(new LoggedLine(category, logLevel, formatter(state, exception), scopes));
        }
    }
}
