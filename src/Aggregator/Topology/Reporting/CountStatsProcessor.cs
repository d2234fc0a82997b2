using Aggregator.Streams.Processors;
using Aggregator.Streams.State;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// Beside the window count, on the same records: per report interval, events by type, page views, volume per minute,
/// unique users, errors and late drops; per alarm rule, the matching records per hopping window. Lateness is judged
/// exactly as the window count judges it, so the footer's late drops are the records the counts left out.
/// </summary>
internal sealed class CountStatsProcessor(ReportingSettings settings) : IProcessor<string, CountedEvent, string, ReportingRecord>, ICommitListener
{
    public const string StoreName = "report-stats-counts";
    private IProcessorContext<string, ReportingRecord> _context = null!;
    private TaskStats _stats = null!;
    private PublishClock _publish = null!;

    public void Init(IProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        _stats = new TaskStats(context.TaskId.ToString(), context.GetStateStore<IKeyValueStore<string, byte[]>>(StoreName), settings);
        _publish = new PublishClock(settings.Time);
    }

    public void Process(Record<string, CountedEvent> record)
    {
        var windows = settings.Windows;
        var watermark = _context.StreamTime;
        var lastWindowStart = record.Timestamp - (((record.Timestamp % windows.AdvanceMs) + windows.AdvanceMs) % windows.AdvanceMs);
        if (lastWindowStart + windows.SizeMs + windows.GraceMs <= watermark)
        {
            _stats.Interval(watermark).AddLate();
            return;
        }

        var value = record.Value;
        _stats.Interval(record.Timestamp).Add(value.Type, value.Path == Activity.CountKeyBuilder.Missing ? null : value.Path, value.User, record.Timestamp);
        foreach (var rule in settings.Rules.EventRules)
        {
            if (rule.Matches(record.Key))
            {
                _stats.CountWindows(rule.Name, record.Timestamp, watermark);
            }
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
