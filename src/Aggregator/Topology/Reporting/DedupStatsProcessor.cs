namespace Aggregator.Topology.Reporting;

/// <summary>Counts, per report interval, the duplicates and late-arriving opt-outs the dedup stage dropped.</summary>
internal sealed class DedupStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, DedupVerdict>(StoreName, settings)
{
    public const string StoreName = "report-stats-dedup";

    public override void Process(Streams.Processors.Record<string, DedupVerdict> record)
    {
        switch (record.Value.Outcome)
        {
            case DedupOutcome.Duplicate:
                Stats.Interval(record.Timestamp).AddDuplicate();
                break;
            case DedupOutcome.OptedOut:
                Stats.Interval(record.Timestamp).AddOptedOut();
                break;
        }
    }
}
