using Aggregator.Streams.Runtime;
using Aggregator.Streams.Runtime.Nodes;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.Processors.Operators;

/// <summary>Non-windowed aggregation into a key-value store; the table's updates flow downstream.</summary>
internal sealed class KStreamAggregate<TKey, TValue, TAgg>(string storeName, Func<TKey, TValue, TAgg, bool, TAgg> aggregate)
    : IProcessor<TKey, TValue, TKey, TAgg>
    where TKey : notnull
{
    private IProcessorContext<TKey, TAgg> _context = null!;
    private TaskContext _task = null!;
    private CachedKeyValueStore<TKey, TAgg> _store = null!;

    public void Init(IProcessorContext<TKey, TAgg> context)
    {
        _context = context;
        _task = ((IInternalProcessorContext)context).Task;
        _store = context.GetStateStore<CachedKeyValueStore<TKey, TAgg>>(storeName);
        if (_store.CachingEnabled)
        {
            _store.FlushListener = (key, value, present, timestamp) =>
            {
                if (present)
                {
                    _context.Forward(new Record<TKey, TAgg>(key, value, timestamp));
                }
            };
        }
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            _task.Metrics.RecordSkipped();
            return;
        }

        var exists = _store.TryGet(record.Key, out var current);
        var updated = aggregate(record.Key, record.Value, current, exists);
        _store.Put(record.Key, updated);
        if (!_store.CachingEnabled)
        {
            _context.Forward(record.WithValue(updated));
        }
    }
}
