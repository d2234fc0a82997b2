namespace Aggregator.Streams.Processors.Operators;

internal sealed class KStreamPeek<TKey, TValue>(Action<TKey, TValue> action) : IProcessor<TKey, TValue, TKey, TValue>
{
    private IProcessorContext<TKey, TValue> _context = null!;

    public void Init(IProcessorContext<TKey, TValue> context) => _context = context;

    public void Process(Record<TKey, TValue> record)
    {
        action(record.Key, record.Value);
        _context.Forward(record);
    }
}
