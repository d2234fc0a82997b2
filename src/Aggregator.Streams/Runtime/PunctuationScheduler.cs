using Aggregator.Streams.Processors;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// A task's punctuators. Stream-time ones fire when the task's stream time reaches their next
/// epoch-aligned tick (at most once per advance, like Kafka Streams: a jump over several intervals fires
/// once); wall-clock ones fire when the TimeProvider passes their next tick.
/// </summary>
internal sealed class PunctuationScheduler
{
    private readonly List<Scheduled> _schedules = [];

    public bool HasWallClockSchedules => _schedules.Exists(s => s.Type == PunctuationType.WallClockTime && !s.Cancelled);

    public ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> callback, long nowMs)
    {
        var intervalMs = (long)interval.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 1, nameof(interval));
        var schedule = new Scheduled(type, intervalMs, callback)
        {
            // Stream time: the first record's time fires it. Wall clock: one interval from now.
            Next = type == PunctuationType.StreamTime ? 0 : nowMs + intervalMs,
        };
        _schedules.Add(schedule);
        return schedule;
    }

    /// <summary>Fires due stream-time punctuators; returns how many fired.</summary>
    public int PunctuateStreamTime(long streamTime) => Fire(PunctuationType.StreamTime, streamTime);

    /// <summary>Fires due wall-clock punctuators; returns how many fired.</summary>
    public int PunctuateWallClock(long nowMs) => Fire(PunctuationType.WallClockTime, nowMs);

    private int Fire(PunctuationType type, long time)
    {
        if (time < 0)
        {
            return 0;
        }

        var fired = 0;
        // A punctuator may schedule or cancel others: iterate over a snapshot by index.
        for (var i = 0; i < _schedules.Count; i++)
        {
            var schedule = _schedules[i];
            if (schedule.Type != type || schedule.Cancelled || time < schedule.Next)
            {
                continue;
            }

            schedule.Next = type == PunctuationType.StreamTime
                ? ((time / schedule.IntervalMs) + 1) * schedule.IntervalMs
                : Math.Max(schedule.Next + schedule.IntervalMs, time + 1);
            schedule.Callback(time);
            fired++;
        }

        _schedules.RemoveAll(s => s.Cancelled);
        return fired;
    }

    private sealed class Scheduled(PunctuationType type, long intervalMs, Action<long> callback) : ICancellable
    {
        public PunctuationType Type { get; } = type;

        public long IntervalMs { get; } = intervalMs;

        public Action<long> Callback { get; } = callback;

        public long Next { get; set; }

        public bool Cancelled { get; private set; }

        public void Cancel() => Cancelled = true;
    }
}
