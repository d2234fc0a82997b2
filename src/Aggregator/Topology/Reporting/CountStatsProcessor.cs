using Aggregator.Activity;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// Beside the pre-aggregation, on the dedup stage's verdicts: per report interval, events by type, page views, volume
/// per minute, unique users, errors and late drops; per alarm rule, the matching records per hopping window
/// (<see cref="CountedEventStats"/>). Here and not after the count repartition because that topic carries partial
/// counts, not events (issue 15); lateness is judged the same way (<see cref="HoppingWindows.IsLate"/> against the
/// event's raw partition's stream time), so reports and counts drop the same records.
/// </summary>
internal sealed class CountStatsProcessor(ReportingSettings settings, CountKeyBuilder countKeys) : TaskStatsProcessor<string, DedupVerdict>(StoreName, settings)
{
    public const string StoreName = "report-stats-counts";
    private long _markedThrough = -1;

    protected override StatsStage Stage => StatsStage.Counts;

    /// <summary>
    /// As the dedup stage's: the progress markers this dedup task sends on (every raw partition's events up to the
    /// slowest one's stream time have passed through it); -1 until every raw partition has been heard from.
    /// </summary>
    protected override long ProgressTime => _markedThrough;

    protected override void Observe(string key, DedupVerdict value, long timestamp)
    {
        if (value.Outcome == DedupOutcome.Progress)
        {
            _markedThrough = Math.Max(_markedThrough, value.SourceStreamTime);
            return;
        }

        if (value is not { Outcome: DedupOutcome.Unique, Event: { } refined })
        {
            return;
        }

        AdvanceEventTime(value.SourceStreamTime);
        var counted = new CountedEvent(refined.Type, refined.Page?.Path ?? CountKeyBuilder.Missing, refined.Key);
        CountedEventStats.Count(Stats, Settings, countKeys.Build(refined), counted, timestamp, value.SourceStreamTime);
    }
}
