using Aggregator.Streams.Dsl;
using Aggregator.Streams.Runtime;
using Aggregator.Streams.Runtime.Nodes;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.Processors.Operators;

/// <summary>
/// Windowed aggregation (count, aggregate, reduce): updates every window a record falls into, unless that
/// window has closed (stream time past its end + grace). Closed windows are skipped and counted; a record
/// no window accepted is a dropped late record — counted and logged at debug, never silent.
/// </summary>
/// <remarks>
/// Stream time is the task's, which the checkpoint persists: a replay after a crash judges lateness exactly
/// as the first run did (a processor-local clock starting from zero would accept records the first run dropped).
/// </remarks>
internal sealed class KStreamWindowAggregate<TKey, TValue, TAgg>(
    string storeName,
    TimeWindows windows,
    Func<TKey, TValue, TAgg, bool, TAgg> aggregate)
    : IProcessor<TKey, TValue, Windowed<TKey>, TAgg>
    where TKey : notnull
{
    private IProcessorContext<Windowed<TKey>, TAgg> _context = null!;
    private TaskContext _task = null!;
    private CachedWindowStore<TKey, TAgg> _store = null!;

    public void Init(IProcessorContext<Windowed<TKey>, TAgg> context)
    {
        _context = context;
        _task = ((IInternalProcessorContext)context).Task;
        _store = context.GetStateStore<CachedWindowStore<TKey, TAgg>>(storeName);
        if (_store.CachingEnabled)
        {
            _store.FlushListener = (key, value, present, timestamp) =>
            {
                if (present)
                {
                    _context.Forward(new Record<Windowed<TKey>, TAgg>(key, value, timestamp));
                }
            };
        }
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null || record.Timestamp < 0)
        {
            _task.Metrics.RecordSkipped();
            return;
        }

        var timestamp = record.Timestamp;
        var closeTime = _task.StreamTime - windows.GraceMs;
        var accepted = false;
        foreach (var windowStart in windows.WindowStartsFor(timestamp))
        {
            var windowEnd = windowStart + windows.SizeMs;
            if (windowEnd <= closeTime)
            {
                _task.Metrics.RecordLateWindowUpdateDropped();
                continue;
            }

            var exists = _store.TryFetch(record.Key, windowStart, out var current);
            var updated = aggregate(record.Key, record.Value, current, exists);
            _store.Put(record.Key, windowStart, updated, timestamp);
            accepted = true;
            if (!_store.CachingEnabled)
            {
                _context.Forward(new Record<Windowed<TKey>, TAgg>(
                    new Windowed<TKey>(record.Key, new TimeWindow(windowStart, windowEnd)), updated, timestamp));
            }
        }

        if (!accepted)
        {
            _task.Metrics.RecordLateRecordDropped();
            Log.LateRecordDropped(_task.Logger, _task.TaskId.ToString(), _task.CurrentTopic, _task.CurrentPartition, _task.CurrentOffset, timestamp, _task.StreamTime);
        }
    }
}
