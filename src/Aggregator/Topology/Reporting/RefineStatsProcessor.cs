using Aggregator.Streams.Processors;
using Aggregator.Streams.State;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// Counts, per report interval, the raw records this task sent to the DLQ and the events of opted-out users it
/// dropped, plus dead letters per hopping window for DLQ-spike alarms. Dead letters have no trustworthy event time,
/// so they are attributed to how far this partition's event time has got.
/// </summary>
internal sealed class RefineStatsProcessor(ReportingSettings settings) : IProcessor<string?, RefineOutcome, string, ReportingRecord>, ICommitListener
{
    public const string StoreName = "report-stats-refine";
    private IProcessorContext<string, ReportingRecord> _context = null!;
    private TaskStats _stats = null!;
    private PublishClock _publish = null!;
    private long _eventTime = -1;

    public void Init(IProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        _stats = new TaskStats(context.TaskId.ToString(), context.GetStateStore<IKeyValueStore<string, byte[]>>(StoreName), settings);
        _publish = new PublishClock(settings.Time);
    }

    public void Process(Record<string?, RefineOutcome> record)
    {
        var outcome = record.Value;
        if (outcome.DeadLetter is null)
        {
            _eventTime = Math.Max(_eventTime, record.Timestamp);
            if (outcome.OptedOut)
            {
                _stats.Interval(record.Timestamp).AddOptedOut();
            }

            return;
        }

        var at = _eventTime >= 0 ? _eventTime : record.Timestamp;
        _stats.Interval(at).AddDeadLettered();
        foreach (var rule in settings.Rules.DeadLetterRules)
        {
            _stats.CountWindows(rule.Name, at, _eventTime);
        }
    }

    public void OnCommit()
    {
        foreach (var record in _stats.Flush(_eventTime, _publish.Due()))
        {
            _context.Forward(new Record<string, ReportingRecord>(_context.TaskId.ToString(), record, Math.Max(_eventTime, 0)));
        }
    }
}
