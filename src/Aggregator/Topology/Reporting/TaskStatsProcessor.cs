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
    private long _announced = -1;

    protected ReportingSettings Settings { get; } = settings;

    protected TaskStats Stats { get; private set; } = null!;

    /// <summary>Event time this stage has reached: which intervals are complete, and the partials' timestamp.</summary>
    protected virtual long EventTime => _context.StreamTime;

    protected long StreamTime => _context.StreamTime;

    /// <summary>
    /// Whether this stage is a counting partition: the merger closes an interval only when every one of them has
    /// announced (with a <see cref="StatsProgress"/>) that its event time passed the interval's end plus grace.
    /// </summary>
    protected virtual bool IsCounting => false;

    public void Init(IProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        Stats = new TaskStats(context.TaskId.ToString(), new RuntimeReportingStore(context.GetStateStore<IKeyValueStore<string, byte[]>>(storeName)), Settings);
        _publish = new PublishClock(Settings.Time);
    }

    public abstract void Process(Record<TKey, TValue> record);

    public void OnCommit()
    {
        var eventTime = EventTime;
        var publish = _publish.Due();
        var records = Stats.Flush(eventTime, publish);
        foreach (var record in records)
        {
            Forward(record, eventTime);
        }

        // After the partials it covers, on the same partition: the merger has them all when it reads this.
        if (eventTime > _announced && (publish || records.Count > 0))
        {
            _announced = eventTime;
            Forward(new ReportingRecord { Progress = new StatsProgress(_context.TaskId.ToString(), _context.TaskId.Partition, eventTime, IsCounting) }, eventTime);
        }
    }

    private void Forward(ReportingRecord record, long eventTime) =>
        _context.Forward(new Record<string, ReportingRecord>(_context.TaskId.ToString(), record, Math.Max(eventTime, 0)));
}
