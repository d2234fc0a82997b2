using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Aggregator.Demo;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Matches what comes out of activity.refined and activity.counts with what was produced, by eventId and by
/// (count key, window, running count): an update of a window to count N makes every one of the first N events
/// sent for that window visible. Times are monotonic Stopwatch ticks.
/// </summary>
internal sealed class LatencyTracker(long measureFrom)
{
    private static readonly byte[] EventIdField = Encoding.UTF8.GetBytes("\"eventId\":\"");
    private readonly ConcurrentDictionary<string, long> _sentById = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, long WindowStart), WindowTrack> _windows = [];
    private readonly Lock _windowsLock = new();
    private readonly List<double> _refined = [];
    private readonly List<double> _firstHop = [];
    private readonly ConcurrentDictionary<string, long> _firstHopPending = new(StringComparer.Ordinal);
    private readonly List<double> _counts = [];
    private long _refinedSeen;
    private long _lastRefinedTicks;

    public long RefinedSeen => Interlocked.Read(ref _refinedSeen);

    public long LastRefinedTicks => Interlocked.Read(ref _lastRefinedTicks);

    public int Tracked => _sentById.Count;

    /// <summary>Call just before producing the record.</summary>
    public void Sent(EventTruth truth, long ticks)
    {
        if (truth.EventId is not null)
        {
            _sentById[truth.EventId] = ticks;
            _firstHopPending[truth.EventId] = ticks;
        }

        var windowStart = truth.EventTime.ToUnixTimeMilliseconds() / 60_000 * 60_000;
        lock (_windowsLock)
        {
            var window = (truth.Type + "|" + truth.Path, windowStart);
            if (!_windows.TryGetValue(window, out var track))
            {
                _windows[window] = track = new WindowTrack();
            }

            track.Sends.Add(ticks);
        }
    }

    public void Refined(byte[] value, long now)
    {
        Interlocked.Increment(ref _refinedSeen);
        Interlocked.Exchange(ref _lastRefinedTicks, now);
        if (EventId(value) is { } id && _sentById.TryRemove(id, out var sent) && sent >= measureFrom)
        {
            _refined.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        }
    }

    /// <summary>A record in the by-user repartition topic: the refine stage's output, before dedup.</summary>
    public void FirstHop(byte[] value, long now)
    {
        if (EventId(value) is { } id && _firstHopPending.TryRemove(id, out var sent) && sent >= measureFrom)
        {
            _firstHop.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        }
    }

    public List<double> FirstHopLatencies() => [.. _firstHop.Order()];

    private static string? EventId(byte[] value)
    {
        var span = value.AsSpan();
        var at = span.IndexOf(EventIdField);
        if (at < 0)
        {
            return null;
        }

        var rest = span[(at + EventIdField.Length)..];
        return Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)'"')]);
    }

    public void Count(byte[] value, long now)
    {
        using var json = JsonDocument.Parse(value);
        var root = json.RootElement;
        var key = root.GetProperty("key").GetString()!;
        var windowStart = root.GetProperty("windowStart").GetDateTimeOffset().ToUnixTimeMilliseconds();
        var count = root.GetProperty("count").GetInt64();
        lock (_windowsLock)
        {
            if (!_windows.TryGetValue((key, windowStart), out var track))
            {
                return;
            }

            var upTo = (int)Math.Min(count, track.Sends.Count);
            for (var i = track.Matched; i < upTo; i++)
            {
                if (track.Sends[i] >= measureFrom)
                {
                    _counts.Add(Stopwatch.GetElapsedTime(track.Sends[i], now).TotalMilliseconds);
                }
            }

            track.Matched = Math.Max(track.Matched, upTo);
        }
    }

    public List<double> RefinedLatencies() => [.. _refined.Order()];

    public List<double> CountLatencies()
    {
        lock (_windowsLock)
        {
            return [.. _counts.Order()];
        }
    }

    private sealed class WindowTrack
    {
        public List<long> Sends { get; } = [];

        public int Matched { get; set; }
    }
}
