namespace Aggregator.Topology.Reporting;

/// <summary>
/// Beside the window count, on the same records: per report interval, events by type, page views, volume per minute,
/// unique users, errors and late drops; per alarm rule, the matching records per hopping window
/// (<see cref="CountedEventStats"/>). Its partitions are the counting partitions the merger waits for.
/// </summary>
internal sealed class CountStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, CountedEvent>(StoreName, settings)
{
    public const string StoreName = "report-stats-counts";

    protected override bool IsCounting => true;

    public override void Process(Streams.Processors.Record<string, CountedEvent> record) =>
        CountedEventStats.Count(Stats, Settings, record.Key, record.Value, record.Timestamp, StreamTime);
}
