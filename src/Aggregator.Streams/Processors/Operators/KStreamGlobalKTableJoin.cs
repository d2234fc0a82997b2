using Aggregator.Streams.State;

namespace Aggregator.Streams.Processors.Operators;

/// <summary>
/// Stream–global-table join: the lookup key is derived from each record, and the whole table is on every
/// instance, so no co-partitioning is needed.
/// </summary>
internal sealed class KStreamGlobalKTableJoin<TKey, TValue, TGlobalKey, TGlobalValue, TResult>(
    string storeName,
    Func<TKey, TValue, TGlobalKey?> keySelector,
    Func<TValue, TGlobalValue?, TResult> joiner,
    bool leftJoin)
    : IProcessor<TKey, TValue, TKey, TResult>
    where TGlobalKey : notnull
{
    private IProcessorContext<TKey, TResult> _context = null!;
    private IReadOnlyKeyValueStore<TGlobalKey, TGlobalValue> _table = null!;

    public void Init(IProcessorContext<TKey, TResult> context)
    {
        _context = context;
        _table = context.GetStateStore<IKeyValueStore<TGlobalKey, TGlobalValue>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        var lookupKey = keySelector(record.Key, record.Value);
        if (lookupKey is not null && _table.TryGet(lookupKey, out var tableValue))
        {
            _context.Forward(record.WithValue(joiner(record.Value, tableValue)));
        }
        else if (leftJoin)
        {
            _context.Forward(record.WithValue(joiner(record.Value, default)));
        }
    }
}
