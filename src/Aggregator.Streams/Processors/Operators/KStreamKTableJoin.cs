using Aggregator.Streams.State;

namespace Aggregator.Streams.Processors.Operators;

/// <summary>
/// Stream-table join: each stream record looks up the table's current value for its key (the table is
/// co-partitioned, so it lives in the same task). Inner join drops records without a match; left join
/// passes them with the default table value.
/// </summary>
internal sealed class KStreamKTableJoin<TKey, TValue, TTable, TResult>(string storeName, Func<TValue, TTable, TResult> joiner, bool leftJoin)
    : IProcessor<TKey, TValue, TKey, TResult>
    where TKey : notnull
{
    private IProcessorContext<TKey, TResult> _context = null!;
    private IReadOnlyKeyValueStore<TKey, TTable> _table = null!;

    public void Init(IProcessorContext<TKey, TResult> context)
    {
        _context = context;
        _table = context.GetStateStore<IKeyValueStore<TKey, TTable>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            return;
        }

        if (_table.TryGet(record.Key, out var tableValue))
        {
            _context.Forward(record.WithValue(joiner(record.Value, tableValue)));
        }
        else if (leftJoin)
        {
            _context.Forward(record.WithValue(joiner(record.Value, default!)));
        }
    }
}
