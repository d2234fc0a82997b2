namespace Aggregator.Topology.Reporting;

/// <summary>
/// Beside the window count, on the same records: per report interval, events by type, page views, volume per minute,
/// unique users, errors and late drops; per alarm rule, the matching records per hopping window
/// (<see cref="CountedEventStats"/>). Its partitions are the counting partitions the merger waits for.
/// </summary>
internal sealed class CountStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, JudgedEvent>(StoreName, settings)
{
    public const string StoreName = "report-stats-counts";

    protected override bool IsCounting => true;

    private readonly Dictionary<int, long> _bySource = [];

    /// <summary>
    /// A counting partition has counted through time T only when every raw partition feeding it has: events from a raw
    /// partition that runs behind (a backlog, another instance) are still on their way through the repartitions. So its
    /// progress is the slowest raw partition's stream time as last seen here, and nothing until every raw partition has
    /// been seen (the merger gives up waiting after Reports:SilenceAfter and names the partition).
    /// </summary>
    protected override long ProgressTime
    {
        get
        {
            if (_bySource.Count < Settings.CountingPartitions)
            {
                return -1;
            }

            var slowest = long.MaxValue;
            foreach (var time in _bySource.Values)
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
        AdvanceEventTime(value.StreamTime);
        var source = value.Event.SourcePartition;
        _bySource[source] = Math.Max(_bySource.GetValueOrDefault(source, -1), value.StreamTime);
        CountedEventStats.Count(Stats, Settings, key, value.Event, timestamp, value.StreamTime);
    }
}
