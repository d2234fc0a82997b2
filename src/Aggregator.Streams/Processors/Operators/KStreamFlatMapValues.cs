namespace Aggregator.Streams.Processors.Operators;

internal sealed class KStreamFlatMapValues<TKey, TValue, TValueOut>(Func<TKey, TValue, IEnumerable<TValueOut>> mapper)
    : IProcessor<TKey, TValue, TKey, TValueOut>
{
    private IProcessorContext<TKey, TValueOut> _context = null!;

    public void Init(IProcessorContext<TKey, TValueOut> context) => _context = context;

    public void Process(Record<TKey, TValue> record)
    {
        foreach (var value in mapper(record.Key, record.Value))
        {
            _context.Forward(record.WithValue(value));
        }
    }
}
