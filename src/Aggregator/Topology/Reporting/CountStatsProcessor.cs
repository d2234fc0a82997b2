namespace Aggregator.Topology.Reporting;

/// <summary>
/// Beside the window count, on the same records: per report interval, events by type, page views, volume per minute,
/// unique users, errors and late drops; per alarm rule, the matching records per hopping window
/// (<see cref="CountedEventStats"/>). Its partitions are the counting partitions the merger waits for.
/// </summary>
internal sealed class CountStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, JudgedEvent>(StoreName, settings)
{
    public const string StoreName = "report-stats-counts";

    protected override StatsStage Stage => StatsStage.Counts;

    private readonly Dictionary<int, long> _byDedupTask = [];

    /// <summary>
    /// A counting partition has counted through time T once every dedup task has sent a progress marker at or past T
    /// (<see cref="ProgressMarkers"/>): events from every raw partition, however far behind (a backlog, another
    /// instance), up to T have then arrived. Nothing until every dedup task has been heard from.
    /// </summary>
    protected override long ProgressTime
    {
        get
        {
            if (_byDedupTask.Count < Settings.CountingPartitions)
            {
                return -1;
            }

            var slowest = long.MaxValue;
            foreach (var time in _byDedupTask.Values)
            {
                slowest = Math.Min(slowest, time);
            }

            return slowest;
        }
    }

    // The lateness judge's verdict uses the event's raw partition's stream time (it survives restarts), so reports and
    // counts drop the same records.
    protected override void Observe(string key, JudgedEvent value, long timestamp)
    {
        var counted = value.Event;
        if (counted.IsMarker)
        {
            _byDedupTask[counted.SourcePartition] = Math.Max(_byDedupTask.GetValueOrDefault(counted.SourcePartition, -1), counted.SourceStreamTime);
            return;
        }

        AdvanceEventTime(value.StreamTime);
        CountedEventStats.Count(Stats, Settings, key, counted, timestamp, value.StreamTime);
    }
}
