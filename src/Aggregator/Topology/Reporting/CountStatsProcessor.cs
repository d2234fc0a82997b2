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

    // The lateness judge's stream time survives restarts, so reports and counts drop the same records.
    protected override void Observe(string key, JudgedEvent value, long timestamp)
    {
        AdvanceEventTime(value.StreamTime);
        CountedEventStats.Count(Stats, Settings, key, value.Event, timestamp, value.StreamTime);
    }
}
