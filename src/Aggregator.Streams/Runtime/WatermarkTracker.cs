namespace Aggregator.Streams.Runtime;

/// <summary>
/// A task's stream time, defined as a <em>watermark</em>: the minimum, over the task's inputs, of how far each
/// has progressed in event time. An input is an external source partition (its largest timestamp so far) or an
/// upstream task writing to one of the task's repartition topics (the watermark it last announced on a record
/// or heartbeat). With one input partition this is exactly Kafka Streams' stream time.
/// </summary>
/// <remarks>
/// Why not the maximum, as Kafka Streams does: when several upstream partitions feed a repartition topic and one
/// is behind (a backlog after a restart, an uneven consumer), the maximum runs ahead and on-time records of the
/// slow partition are dropped as "late" — which records get counted then depends on processing order, and counts
/// are not reproducible. With the minimum, a record that is on time within its own partition is never late.
/// An input that has nothing to say (caught up and silent for the idle timeout, or an upstream task never heard
/// from) stops holding the watermark back, so windows still close when a partition is empty.
/// The watermark never goes backwards and is kept in the task checkpoint.
/// </remarks>
internal sealed class WatermarkTracker
{
    private readonly Dictionary<(string Topic, int Partition), InputClock> _partitions = [];
    private readonly Dictionary<(int Subtopology, int Partition), InputClock> _upstreams = [];
    private readonly long _idleTimeoutMs;

    public WatermarkTracker(long idleTimeoutMs) => _idleTimeoutMs = idleTimeoutMs;

    /// <summary>Current watermark (epoch ms), or -1 before any input progressed.</summary>
    public long Watermark { get; private set; } = -1;

    /// <summary>True when every input is idle: the task has nothing in flight and says so downstream.</summary>
    public bool AllIdle => _partitions.Count + _upstreams.Count > 0 && _partitions.Values.All(c => c.Idle) && _upstreams.Values.All(c => c.Idle);

    public IEnumerable<KeyValuePair<(string Topic, int Partition), long>> PartitionTimes => _partitions.Select(p => KeyValuePair.Create(p.Key, p.Value.Time));

    public IEnumerable<KeyValuePair<(int Subtopology, int Partition), long>> UpstreamWatermarks => _upstreams.Select(u => KeyValuePair.Create(u.Key, u.Value.Time));

    /// <summary>Declares an upstream task whose announcements this task waits for (all writers of its repartition topics).</summary>
    public void ExpectUpstream(int subtopology, int partition, long nowMs) =>
        _upstreams.TryAdd((subtopology, partition), new InputClock { Time = -1, LastHeardMs = nowMs });

    public void ExpectPartition(string topic, int partition, long nowMs) =>
        _partitions.TryAdd((topic, partition), new InputClock { Time = -1, LastHeardMs = nowMs });

    public void Restore(long watermark, IEnumerable<(string Topic, int Partition, long Time)> partitions, IEnumerable<(int Subtopology, int Partition, long Time)> upstreams, long nowMs)
    {
        Watermark = Math.Max(Watermark, watermark);
        foreach (var (topic, partition, time) in partitions)
        {
            _partitions[(topic, partition)] = new InputClock { Time = time, LastHeardMs = nowMs };
        }

        foreach (var (subtopology, partition, time) in upstreams)
        {
            _upstreams[(subtopology, partition)] = new InputClock { Time = time, LastHeardMs = nowMs };
        }
    }

    /// <summary>A record of an external source partition with event time <paramref name="timestamp"/>.</summary>
    public void ObservePartition(string topic, int partition, long timestamp, long nowMs)
    {
        if (!_partitions.TryGetValue((topic, partition), out var clock))
        {
            clock = new InputClock { Time = -1 };
            _partitions[(topic, partition)] = clock;
        }

        clock.Time = Math.Max(clock.Time, timestamp);
        clock.LastHeardMs = nowMs;
        clock.Idle = false;
        Recompute();
    }

    /// <summary>An announcement from an upstream task (on a data record or a heartbeat).</summary>
    public void ObserveUpstream(int subtopology, int partition, long watermark, bool idle, long nowMs)
    {
        if (!_upstreams.TryGetValue((subtopology, partition), out var clock))
        {
            clock = new InputClock { Time = -1 };
            _upstreams[(subtopology, partition)] = clock;
        }

        clock.Time = Math.Max(clock.Time, watermark);
        clock.LastHeardMs = nowMs;
        clock.Idle = idle;
        Recompute();
    }

    /// <summary>
    /// Marks silent inputs idle: an external partition that is caught up (<paramref name="caughtUp"/>) and had no
    /// record for the idle timeout, or an upstream task not heard from for that long.
    /// </summary>
    public void UpdateIdleness(long nowMs, Func<string, int, bool> caughtUp)
    {
        foreach (var ((topic, partition), clock) in _partitions)
        {
            if (!clock.Idle && nowMs - clock.LastHeardMs >= _idleTimeoutMs && caughtUp(topic, partition))
            {
                clock.Idle = true;
            }
        }

        foreach (var clock in _upstreams.Values)
        {
            if (!clock.Idle && nowMs - clock.LastHeardMs >= _idleTimeoutMs)
            {
                clock.Idle = true;
            }
        }

        Recompute();
    }

    // Runs per record: two plain loops, no LINQ, no allocation.
    private void Recompute()
    {
        var min = long.MaxValue;
        var max = -1L;
        var active = false;
        foreach (var clock in _partitions.Values)
        {
            Fold(clock, ref min, ref max, ref active);
        }

        foreach (var clock in _upstreams.Values)
        {
            Fold(clock, ref min, ref max, ref active);
        }

        var candidate = active ? min : max;
        if (candidate > Watermark)
        {
            Watermark = candidate;
        }
    }

    private static void Fold(InputClock clock, ref long min, ref long max, ref bool active)
    {
        max = Math.Max(max, clock.Time);
        if (!clock.Idle)
        {
            active = true;
            min = Math.Min(min, clock.Time);
        }
    }

    private sealed class InputClock
    {
        public long Time { get; set; }

        public long LastHeardMs { get; set; }

        public bool Idle { get; set; }
    }
}
