namespace Aggregator.Topology.Reporting;

/// <summary>Counts, per report interval, the duplicates and late-arriving opt-outs the dedup stage dropped.</summary>
internal sealed class DedupStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, DedupVerdict>(StoreName, settings)
{
    public const string StoreName = "report-stats-dedup";
    private long _markedThrough = -1;

    protected override StatsStage Stage => StatsStage.Dedup;

    /// <summary>
    /// How far this dedup task has seen everything: the progress markers the dedup stage sends on (the slowest raw
    /// partition's stream time), not its own largest event time — copies from a raw partition that is behind are still
    /// on their way. -1 until every raw partition has been heard from (no marker before that).
    /// </summary>
    protected override long ProgressTime => _markedThrough;

    protected override void Observe(string key, DedupVerdict value, long timestamp)
    {
        if (value.Outcome == DedupOutcome.Progress)
        {
            _markedThrough = Math.Max(_markedThrough, value.SourceStreamTime);
            return;
        }

        AdvanceEventTime(timestamp);
        switch (value.Outcome)
        {
            case DedupOutcome.Duplicate:
                Stats.Interval(timestamp).AddDuplicate();
                break;
            case DedupOutcome.OptedOut:
                Stats.Interval(timestamp).AddOptedOut();
                break;
        }
    }
}
