namespace Aggregator.Streams.Runtime;

/// <summary>
/// A task's stream time, defined as a <em>watermark</em>: the minimum, over the task's inputs, of how far each
/// has progressed in event time. An input is an external source partition (its largest timestamp so far) or an
/// upstream task writing to one of the task's repartition topics (the watermark it last announced on a record
/// or heartbeat). With one input partition this is exactly Kafka Streams' stream time.
/// </summary>
/// <remarks>
/// <para>Why not the maximum, as Kafka Streams does: when several upstream partitions feed a repartition topic and
/// one is behind (a backlog after a restart, an uneven consumer), the maximum runs ahead and on-time records of the
/// slow partition are dropped as "late" — which records get counted then depends on processing order, and counts
/// are not reproducible. With the minimum, a record that is on time within its own input partition is never late.</para>
/// <para>An input that has never had data stops holding the watermark back: an external partition once it has
/// been read to its end and stayed empty for the idle timeout; an upstream task once it says so itself (it knows
/// whether its partitions are empty or merely not read yet) or if it was never heard from within the timeout. An input that had data and went quiet keeps holding it at its
/// last time: excluding it would let the others run ahead and make its next records late merely because they were
/// read later (the "idleness" race). So windows close when every input with data has passed them.</para>
/// <para>The watermark never goes backwards and is kept in the task checkpoint.</para>
/// </remarks>
internal sealed class WatermarkTracker(long idleTimeoutMs)
{
    private readonly Dictionary<(string Topic, int Partition), InputClock> _partitions = [];
    private readonly Dictionary<(int Subtopology, int Partition), InputClock> _upstreams = [];

    /// <summary>Current watermark (epoch ms), or -1 before any input progressed.</summary>
    public long Watermark { get; private set; } = -1;

    /// <summary>True when every input is empty (never had data): announced downstream so readers stop waiting.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (var clock in _partitions.Values)
            {
                if (!clock.Empty)
                {
                    return false;
                }
            }

            foreach (var clock in _upstreams.Values)
            {
                if (!clock.Empty)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public IEnumerable<KeyValuePair<(string Topic, int Partition), long>> PartitionTimes => _partitions.Select(p => KeyValuePair.Create(p.Key, p.Value.Time));

    public IEnumerable<KeyValuePair<(int Subtopology, int Partition), long>> UpstreamWatermarks => _upstreams.Select(u => KeyValuePair.Create(u.Key, u.Value.Time));

    /// <summary>Declares an upstream task whose announcements this task waits for (all writers of its repartition topics).</summary>
    public void ExpectUpstream(int subtopology, int partition, long nowMs) =>
        _upstreams.TryAdd((subtopology, partition), new InputClock { Time = -1, SinceMs = nowMs });

    public void ExpectPartition(string topic, int partition, long nowMs) =>
        _partitions.TryAdd((topic, partition), new InputClock { Time = -1, SinceMs = nowMs });

    public void Restore(long watermark, IEnumerable<(string Topic, int Partition, long Time)> partitions, IEnumerable<(int Subtopology, int Partition, long Time)> upstreams, long nowMs)
    {
        Watermark = Math.Max(Watermark, watermark);
        foreach (var (topic, partition, time) in partitions)
        {
            _partitions[(topic, partition)] = new InputClock { Time = time, SinceMs = nowMs };
        }

        foreach (var (subtopology, partition, time) in upstreams)
        {
            _upstreams[(subtopology, partition)] = new InputClock { Time = time, SinceMs = nowMs };
        }
    }

    /// <summary>A record of an external source partition with event time <paramref name="timestamp"/>.</summary>
    public void ObservePartition(string topic, int partition, long timestamp, long nowMs)
    {
        if (!_partitions.TryGetValue((topic, partition), out var clock))
        {
            clock = new InputClock { Time = -1, SinceMs = nowMs };
            _partitions[(topic, partition)] = clock;
        }

        Advance(clock, timestamp);
    }

    /// <summary>An announcement from an upstream task (on a data record or a heartbeat).</summary>
    public void ObserveUpstream(int subtopology, int partition, long watermark, bool empty, long nowMs)
    {
        if (!_upstreams.TryGetValue((subtopology, partition), out var clock))
        {
            clock = new InputClock { Time = -1, SinceMs = nowMs };
            _upstreams[(subtopology, partition)] = clock;
        }

        clock.Heard = true;
        var wasEmpty = clock.Empty;
        clock.Empty = empty && clock.Time < 0;
        if (wasEmpty != clock.Empty)
        {
            Recompute();
        }

        Advance(clock, watermark);
    }

    /// <summary>
    /// Stops waiting for inputs that never had data: an external partition that is read to its end
    /// (<paramref name="caughtUp"/>), and an upstream task never heard from — but only once this task has read
    /// all its repartition input (<paramref name="repartitionInputCaughtUp"/>): while unread input remains, the
    /// upstream's announcement may be in it, and a busy reader must not mistake that for silence.
    /// </summary>
    public void UpdateIdleness(long nowMs, Func<string, int, bool> caughtUp, bool repartitionInputCaughtUp = true)
    {
        foreach (var ((topic, partition), clock) in _partitions)
        {
            if (!clock.Empty && clock.Time < 0 && nowMs - clock.SinceMs >= idleTimeoutMs && caughtUp(topic, partition))
            {
                clock.Empty = true;
            }
        }

        foreach (var clock in _upstreams.Values)
        {
            if (!clock.Empty && !clock.Heard && clock.Time < 0 && repartitionInputCaughtUp && nowMs - clock.SinceMs >= idleTimeoutMs)
            {
                clock.Empty = true;
            }
        }

        Recompute();
    }

    public override string ToString() =>
        $"W={Watermark} partitions[{string.Join(",", _partitions.Select(p => $"{p.Key.Topic}-{p.Key.Partition}:{p.Value.Time}{(p.Value.Empty ? "(empty)" : "")}"))}] " +
        $"upstreams[{string.Join(",", _upstreams.Select(u => $"{u.Key.Subtopology}_{u.Key.Partition}:{u.Value.Time}{(u.Value.Empty ? "(empty)" : "")}"))}]";

    private void Advance(InputClock clock, long time)
    {
        if (time > clock.Time)
        {
            clock.Time = time;
            clock.Empty = false;
            Recompute();
        }
    }

    // Runs per record that advances an input: plain loops, no LINQ, no allocation.
    private void Recompute()
    {
        var min = long.MaxValue;
        var counted = false;
        foreach (var clock in _partitions.Values)
        {
            Fold(clock, ref min, ref counted);
        }

        foreach (var clock in _upstreams.Values)
        {
            Fold(clock, ref min, ref counted);
        }

        if (counted && min > Watermark)
        {
            Watermark = min;
        }
    }

    private static void Fold(InputClock clock, ref long min, ref bool counted)
    {
        if (!clock.Empty)
        {
            counted = true;
            min = Math.Min(min, clock.Time);
        }
    }

    private sealed class InputClock
    {
        public long Time { get; set; }

        /// <summary>When the clock started waiting (creation or restore): the idle timeout counts from here.</summary>
        public long SinceMs { get; set; }

        /// <summary>Never had data (and timed out, or said so): not counted until it has.</summary>
        public bool Empty { get; set; }

        /// <summary>An upstream task announced itself at least once.</summary>
        public bool Heard { get; set; }
    }
}
