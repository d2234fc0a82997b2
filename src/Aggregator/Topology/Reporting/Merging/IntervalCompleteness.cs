namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// How far each stats stage of each partition has announced it got (<see cref="StatsProgress"/>), and from that: the
/// watermark intervals are due by, which partitions an interval still waits for, and when to stop waiting.
/// </summary>
/// <remarks>
/// The watermark comes from the counting stage's announcements, not from a stream runtime's stream time: a runtime
/// that stops waiting for an upstream that calls itself idle (ours did) sent summaries without a counting task that
/// had merely sent nothing <em>yet</em>, and another runtime may not offer a min-watermark at all. A partition that has
/// never announced does not hold the watermark back (it may have no data), but an interval waits for it up to
/// <see cref="ReportingSettings.SilenceAfter"/> of wall-clock time, then goes out naming it.
/// An interval waits for every stage, not only counting: each stage sends its partials on its own topic, and the
/// counting stage being past an interval once closed it while the dedup stage's duplicates of it were still on their
/// way ("duplicates removed: 2" of 4 on a two-instance run).
/// </remarks>
internal sealed class IntervalCompleteness(int partitions, TimeSpan silenceAfter, IReportingStore store)
{
    private static readonly StatsStage[] Stages = Enum.GetValues<StatsStage>();
    private readonly Dictionary<(StatsStage Stage, int Partition), long> _through = [];
    private readonly long _silenceAfterMs = (long)silenceAfter.TotalMilliseconds;
    private long _stagesThrough = -1;
    private long _incompleteSinceMs = -1;

    /// <summary>Partitions of every stage (they all have the raw topic's partition count).</summary>
    public int Partitions => partitions;

    /// <summary>
    /// The slowest announced counting partition's event time; -1 before any. Until a counting partition has said
    /// anything, the other stats stages' progress stands in, so a pipeline that dead-letters everything still reports.
    /// </summary>
    public long Watermark
    {
        get
        {
            var through = long.MaxValue;
            for (var partition = 0; partition < partitions; partition++)
            {
                if (_through.TryGetValue((StatsStage.Counts, partition), out var time))
                {
                    through = Math.Min(through, time);
                }
            }

            return through == long.MaxValue ? _stagesThrough : through;
        }
    }

    /// <summary>How far every stage of every partition has got; -1 while one has said nothing.</summary>
    public long CompleteThrough()
    {
        var through = long.MaxValue;
        foreach (var stage in Stages)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                through = Math.Min(through, _through.GetValueOrDefault((stage, partition), -1));
            }
        }

        return partitions == 0 ? -1 : through;
    }

    /// <summary>How far closed alarm windows may be judged: as far as every stage got, unless given up on.</summary>
    public long AlarmsThrough(long wallNow) => GaveUpWaiting(wallNow) ? Watermark : CompleteThrough();

    public void Restore(StatsStage stage, int partition, long eventTime) => _through[(stage, partition)] = eventTime;

    public void Announce(StatsProgress progress)
    {
        if (progress.Stage != StatsStage.Counts)
        {
            _stagesThrough = Math.Max(_stagesThrough, progress.EventTime);
        }

        var key = (progress.Stage, progress.Partition);
        if (progress.EventTime > _through.GetValueOrDefault(key, -1))
        {
            _through[key] = progress.EventTime;
            store.Put(MergerKey.StageThrough(progress.Stage, progress.Partition).Encode(), StoreValues.Long(progress.EventTime));
        }
    }

    /// <summary>
    /// Whether the interval that closes at <paramref name="closeAt"/> (its end plus grace, already passed by report
    /// time) may be sent now: when every stage of every partition has got through it; when input is silent (the wall
    /// clock already decided); or once the stragglers have had <c>SilenceAfter</c> to catch up.
    /// <paramref name="missing"/> receives the partitions with a stage not through it.
    /// </summary>
    public bool MayClose(long closeAt, bool silent, long wallNow, List<int> missing)
    {
        missing.Clear();
        for (var partition = 0; partition < partitions; partition++)
        {
            foreach (var stage in Stages)
            {
                if (_through.GetValueOrDefault((stage, partition), -1) < closeAt)
                {
                    missing.Add(partition);
                    break;
                }
            }
        }

        if (missing.Count == 0)
        {
            _incompleteSinceMs = -1;
            return true;
        }

        if (silent)
        {
            return true;
        }

        _incompleteSinceMs = _incompleteSinceMs < 0 ? wallNow : _incompleteSinceMs;
        return GaveUpWaiting(wallNow);
    }

    /// <summary>No interval is due: the next one that is gets its own <c>SilenceAfter</c> to become complete.</summary>
    public void NothingDue() => _incompleteSinceMs = -1;

    private bool GaveUpWaiting(long wallNow) => _incompleteSinceMs >= 0 && wallNow - _incompleteSinceMs >= _silenceAfterMs;
}
