namespace Aggregator.Streams.Processors.Operators;

internal sealed class KStreamMapValues<TKey, TValue, TValueOut>(Func<TKey, TValue, TValueOut> mapper)
    : IProcessor<TKey, TValue, TKey, TValueOut>
{
    private IProcessorContext<TKey, TValueOut> _context = null!;

    public void Init(IProcessorContext<TKey, TValueOut> context) => _context = context;

    public void Process(Record<TKey, TValue> record) => _context.Forward(record.WithValue(mapper(record.Key, record.Value)));
}
