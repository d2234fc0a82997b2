namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// How far each counting partition has announced it counted (<see cref="StatsProgress"/>), and from that: the
/// watermark intervals are due by, which partitions an interval still waits for, and when to stop waiting.
/// </summary>
/// <remarks>
/// The watermark comes from the announcements themselves, not from a stream runtime's stream time: a runtime that
/// stops waiting for an upstream that calls itself idle (ours did) sent summaries without a counting task that had
/// merely sent nothing <em>yet</em>, and another runtime may not offer a min-watermark at all. A partition that has
/// never announced does not hold the watermark back (it may have no data), but an interval waits for it up to
/// <see cref="ReportingSettings.SilenceAfter"/> of wall-clock time, then goes out naming it.
/// </remarks>
internal sealed class IntervalCompleteness(int countingPartitions, TimeSpan silenceAfter, IReportingStore store)
{
    private readonly Dictionary<int, long> _countedThrough = [];
    private readonly long _silenceAfterMs = (long)silenceAfter.TotalMilliseconds;
    private long _stagesThrough = -1;
    private long _incompleteSinceMs = -1;

    public int CountingPartitions => countingPartitions;

    /// <summary>
    /// The slowest announced counting partition's event time; -1 before any. Until a counting partition has said
    /// anything, the other stats stages' progress stands in, so a pipeline that dead-letters everything still reports.
    /// </summary>
    public long Watermark
    {
        get
        {
            var through = long.MaxValue;
            for (var partition = 0; partition < countingPartitions; partition++)
            {
                if (_countedThrough.TryGetValue(partition, out var time))
                {
                    through = Math.Min(through, time);
                }
            }

            return through == long.MaxValue ? _stagesThrough : through;
        }
    }

    /// <summary>How far every counting partition has got (<c>CountedThrough</c>); -1 while one has said nothing.</summary>
    public long CountedThrough()
    {
        var through = long.MaxValue;
        for (var partition = 0; partition < countingPartitions; partition++)
        {
            through = Math.Min(through, _countedThrough.GetValueOrDefault(partition, -1));
        }

        return countingPartitions == 0 ? -1 : through;
    }

    /// <summary>How far closed alarm windows may be judged: as far as every counting partition got, unless given up on.</summary>
    public long AlarmsThrough(long wallNow) => GaveUpWaiting(wallNow) ? Watermark : CountedThrough();

    public void Restore(int partition, long eventTime) => _countedThrough[partition] = eventTime;

    public void Announce(StatsProgress progress)
    {
        if (!progress.Counting)
        {
            _stagesThrough = Math.Max(_stagesThrough, progress.EventTime);
        }
        else if (progress.EventTime > _countedThrough.GetValueOrDefault(progress.Partition, -1))
        {
            _countedThrough[progress.Partition] = progress.EventTime;
            store.Put(MergerKey.CountedThrough(progress.Partition).Encode(), StoreValues.Long(progress.EventTime));
        }
    }

    /// <summary>
    /// Whether the interval that closes at <paramref name="closeAt"/> (its end plus grace, already passed by report
    /// time) may be sent now: when every counting partition has counted through it; when input is silent (the wall
    /// clock already decided); or once the stragglers have had <c>SilenceAfter</c> to catch up.
    /// <paramref name="missing"/> receives the partitions not through it.
    /// </summary>
    public bool MayClose(long closeAt, bool silent, long wallNow, List<int> missing)
    {
        missing.Clear();
        for (var partition = 0; partition < countingPartitions; partition++)
        {
            if (_countedThrough.GetValueOrDefault(partition, -1) < closeAt)
            {
                missing.Add(partition);
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
