using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// What every per-task stats stage shares: its <see cref="TaskStats"/> in a logged store, flushed every second (a
/// wall-clock punctuation: Streamiz has no commit hook for processors), and the partials that are due, forwarded to
/// the report merger. Partials are cumulative and keyed by task, so a replay after a crash only restates them.
/// </summary>
internal abstract class TaskStatsProcessor<TKey, TValue>(string storeName, ReportingSettings settings)
    : ITransformer<TKey, TValue, string, ReportingRecord>
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private readonly string _storeName = storeName;
    private ProcessorContext<string, ReportingRecord> _context = null!;
    private PublishClock _publish = null!;
    private TaskStats? _stats;
    private long _announced = -1;
    private string _task = string.Empty;

    protected ReportingSettings Settings { get; } = settings;

    /// <summary>
    /// The task's partials, loaded from the store on first use: not in Init, which Streamiz runs before restoring the
    /// store (records are processed only once it is restored; punctuations may run earlier, see <see cref="Flush"/>).
    /// </summary>
    /// <remarks>
    /// The merger keeps the latest partial per source, so the source names the stage too: the dedup and counting
    /// statistics are made in the same (dedup) task, and one's partials must not replace the other's.
    /// </remarks>
    protected TaskStats Stats => _stats ??= new TaskStats(
        $"{_task}:{Stage.ToString().ToLowerInvariant()}", new StreamizReportingStore((IKeyValueStore<string, byte[]>)_context.GetStateStore(_storeName)), Settings);

    /// <summary>Event time this stage has reached (the largest it has seen): which intervals are complete, and the partials' timestamp.</summary>
    protected long EventTime { get; private set; } = -1;

    /// <summary>
    /// Which stage this is: the merger closes an interval only when every stage of every partition has announced
    /// (with a <see cref="StatsProgress"/>) that it got past the interval's end plus grace.
    /// </summary>
    protected abstract StatsStage Stage { get; }

    public void Init(ProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        _task = context.Id.ToString();
        _publish = new PublishClock(Settings.Time);
        context.Schedule(FlushInterval, PunctuationType.PROCESSING_TIME, _ => Flush());
    }

    public Record<string, ReportingRecord> Process(Record<TKey, TValue> record)
    {
        Observe(record.Key, record.Value, record.Timestamp.UnixTimestampMs);
        return null!; // nothing per record: partials go out in Flush
    }

    public void Close()
    {
    }

    protected abstract void Observe(TKey key, TValue value, long timestamp);

    protected void AdvanceEventTime(long timestamp) => EventTime = Math.Max(EventTime, timestamp);

    /// <summary>How far this stage can vouch that it has seen everything (the progress it announces): its event time, unless a stage knows better.</summary>
    protected virtual long ProgressTime => EventTime;

    private void Flush()
    {
        if (_stats is null && !Settings.Health.IsRestored(_storeName, _context.Id.Partition))
        {
            return; // Streamiz punctuates restoring tasks too: the store may not be complete yet
        }

        var eventTime = ProgressTime;
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
            Forward(new ReportingRecord { Progress = new StatsProgress(_task, _context.Id.Partition, eventTime, Stage) }, eventTime);
        }
    }

    private void Forward(ReportingRecord record, long eventTime)
    {
        _context.ChangeTimestamp(Math.Max(eventTime, 0));
        _context.Forward(_task, record);
    }
}
