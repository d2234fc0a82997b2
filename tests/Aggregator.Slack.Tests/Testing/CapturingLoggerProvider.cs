using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Tests.Testing;

/// <summary>Keeps every log entry, formatted, with its structured values and exception, for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Everything that was logged, as one string: messages, structured values and exceptions.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => e.ToString()));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, string Message, string Values, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message} [{Values}] {Exception}";
}
