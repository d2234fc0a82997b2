using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.Processors.Operators;

/// <summary>Materializes a topic as a table: latest value per key, a null value deletes.</summary>
internal sealed class KTableSource<TKey, TValue>(string storeName) : IProcessor<TKey, TValue, TKey, TValue>
    where TKey : notnull
{
    private IProcessorContext<TKey, TValue> _context = null!;
    private CachedKeyValueStore<TKey, TValue> _store = null!;

    public void Init(IProcessorContext<TKey, TValue> context)
    {
        _context = context;
        _store = context.GetStateStore<CachedKeyValueStore<TKey, TValue>>(storeName);
        if (_store.CachingEnabled)
        {
            _store.FlushListener = (key, value, present, timestamp) =>
                _context.Forward(new Record<TKey, TValue>(key, present ? value : default!, timestamp));
        }
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            return;
        }

        if (record.Value is null)
        {
            _store.Delete(record.Key);
        }
        else
        {
            _store.Put(record.Key, record.Value);
        }

        if (!_store.CachingEnabled)
        {
            _context.Forward(record);
        }
    }
}
