using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Captures the runtime's start-up milestones from its log events (global tables loaded, thread subscribed,
/// partitions assigned, restore started and finished) with their time, so start → ready can be broken down and
/// a restore timed by the runtime's own account.
/// </summary>
internal sealed class StartupLog(long startTicks) : ILoggerProvider
{
    public const int GlobalTablesLoaded = 1050;
    public const int ThreadSubscribed = 1010;
    public const int Assigned = 1020;
    public const int RestoreStarted = 1030;
    public const int RestoreCompleted = 1031;
    private readonly ConcurrentQueue<(int EventId, long Ticks, long Restored)> _events = new();

    public ILogger CreateLogger(string categoryName) => new Capture(this);

    public void Dispose()
    {
    }

    /// <summary>Seconds from the start to the first occurrence of <paramref name="eventId"/>, or null.</summary>
    public double? FirstAt(int eventId) =>
        _events.Where(e => e.EventId == eventId).Select(e => (double?)Stopwatch.GetElapsedTime(startTicks, e.Ticks).TotalSeconds).Min();

    /// <summary>Updates restored and the seconds from the first restore start to the last completion; null when nothing was restored.</summary>
    public (long Restored, double Seconds)? Restore()
    {
        var events = _events.ToList();
        var starts = events.Where(e => e.EventId == RestoreStarted).ToList();
        var completions = events.Where(e => e.EventId == RestoreCompleted).ToList();
        if (starts.Count == 0 || completions.Count == 0)
        {
            return null;
        }

        return (completions.Sum(c => c.Restored), Stopwatch.GetElapsedTime(starts.Min(s => s.Ticks), completions.Max(c => c.Ticks)).TotalSeconds);
    }

    private sealed class Capture(StartupLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is not (GlobalTablesLoaded or ThreadSubscribed or Assigned or RestoreStarted or RestoreCompleted))
            {
                return;
            }

            long restored = 0;
            if (eventId.Id == RestoreCompleted && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                restored = Convert.ToInt64(values.FirstOrDefault(v => v.Key == "Restored").Value ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            }

            owner._events.Enqueue((eventId.Id, Stopwatch.GetTimestamp(), restored));
        }
    }
}
