using Aggregator.Streams.Processors;
using Aggregator.Streams.State;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// What every per-task stats stage shares: its <see cref="TaskStats"/> in a logged store, and on each commit the
/// partials that are due, forwarded to the report merger. Publishing at commit keeps the partials exactly-once with
/// the offsets they were computed from.
/// </summary>
internal abstract class TaskStatsProcessor<TKey, TValue>(string storeName, ReportingSettings settings)
    : IProcessor<TKey, TValue, string, ReportingRecord>, ICommitListener
{
    private IProcessorContext<string, ReportingRecord> _context = null!;
    private PublishClock _publish = null!;

    protected ReportingSettings Settings { get; } = settings;

    protected TaskStats Stats { get; private set; } = null!;

    /// <summary>Event time this stage has reached: which intervals are complete, and the partials' timestamp.</summary>
    protected virtual long EventTime => _context.StreamTime;

    protected long StreamTime => _context.StreamTime;

    public void Init(IProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        Stats = new TaskStats(context.TaskId.ToString(), context.GetStateStore<IKeyValueStore<string, byte[]>>(storeName), Settings);
        _publish = new PublishClock(Settings.Time);
    }

    public abstract void Process(Record<TKey, TValue> record);

    public void OnCommit()
    {
        var eventTime = EventTime;
        foreach (var record in Stats.Flush(eventTime, _publish.Due()))
        {
            _context.Forward(new Record<string, ReportingRecord>(_context.TaskId.ToString(), record, Math.Max(eventTime, 0)));
        }
    }
}
