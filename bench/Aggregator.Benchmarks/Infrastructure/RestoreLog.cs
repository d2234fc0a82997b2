using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Captures the runtime's "restoring" (1030) and "restored" (1031) log events with their time, so a restore is
/// timed from its first task starting to its last task finishing, by the runtime's own account.
/// </summary>
internal sealed class RestoreLog : ILoggerProvider
{
    private const int Started = 1030;
    private const int Completed = 1031;
    private readonly ConcurrentQueue<(int EventId, long Ticks, long Restored)> _events = new();

    public ILogger CreateLogger(string categoryName) => new Capture(this);

    public void Dispose()
    {
    }

    /// <summary>Updates restored and the seconds from the first start to the last completion; null when nothing was restored.</summary>
    public (long Restored, double Seconds)? Summary()
    {
        var events = _events.ToList();
        var starts = events.Where(e => e.EventId == Started).ToList();
        var completions = events.Where(e => e.EventId == Completed).ToList();
        if (starts.Count == 0 || completions.Count == 0)
        {
            return null;
        }

        return (completions.Sum(c => c.Restored), Stopwatch.GetElapsedTime(starts.Min(s => s.Ticks), completions.Max(c => c.Ticks)).TotalSeconds);
    }

    private sealed class Capture(RestoreLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is not (Started or Completed))
            {
                return;
            }

            long restored = 0;
            if (eventId.Id == Completed && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                restored = Convert.ToInt64(values.FirstOrDefault(v => v.Key == "Restored").Value ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            }

            owner._events.Enqueue((eventId.Id, Stopwatch.GetTimestamp(), restored));
        }
    }
}
