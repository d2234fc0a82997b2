using Aggregator.Streams.Processors;
using Aggregator.Streams.State;

namespace Aggregator.Topology.Reporting;

/// <summary>Counts, per report interval, the duplicates and late-arriving opt-outs the dedup stage dropped.</summary>
internal sealed class DedupStatsProcessor(ReportingSettings settings) : IProcessor<string, DedupVerdict, string, ReportingRecord>, ICommitListener
{
    public const string StoreName = "report-stats-dedup";
    private IProcessorContext<string, ReportingRecord> _context = null!;
    private TaskStats _stats = null!;
    private PublishClock _publish = null!;

    public void Init(IProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        _stats = new TaskStats(context.TaskId.ToString(), context.GetStateStore<IKeyValueStore<string, byte[]>>(StoreName), settings);
        _publish = new PublishClock(settings.Time);
    }

    public void Process(Record<string, DedupVerdict> record)
    {
        switch (record.Value.Outcome)
        {
            case DedupOutcome.Duplicate:
                _stats.Interval(record.Timestamp).AddDuplicate();
                break;
            case DedupOutcome.OptedOut:
                _stats.Interval(record.Timestamp).AddOptedOut();
                break;
        }
    }

    public void OnCommit()
    {
        foreach (var record in _stats.Flush(_context.StreamTime, _publish.Due()))
        {
            _context.Forward(new Record<string, ReportingRecord>(_context.TaskId.ToString(), record, Math.Max(_context.StreamTime, 0)));
        }
    }
}
