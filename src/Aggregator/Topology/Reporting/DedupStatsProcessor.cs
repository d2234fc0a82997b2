namespace Aggregator.Topology.Reporting;

/// <summary>Counts, per report interval, the duplicates and late-arriving opt-outs the dedup stage dropped.</summary>
internal sealed class DedupStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, DedupVerdict>(StoreName, settings)
{
    public const string StoreName = "report-stats-dedup";

    protected override void Observe(string key, DedupVerdict value, long timestamp)
    {
        if (value.Outcome == DedupOutcome.Progress)
        {
            return; // a progress marker for the counting stage (its timestamp is the wall clock)
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
