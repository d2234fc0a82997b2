namespace Aggregator.Streams.Processors.Operators;

internal sealed class KStreamFlatMap<TKey, TValue, TKeyOut, TValueOut>(Func<TKey, TValue, IEnumerable<KeyValuePair<TKeyOut, TValueOut>>> mapper)
    : IProcessor<TKey, TValue, TKeyOut, TValueOut>
{
    private IProcessorContext<TKeyOut, TValueOut> _context = null!;

    public void Init(IProcessorContext<TKeyOut, TValueOut> context) => _context = context;

    public void Process(Record<TKey, TValue> record)
    {
        foreach (var (key, value) in mapper(record.Key, record.Value))
        {
            _context.Forward(new Record<TKeyOut, TValueOut>(key, value, record.Timestamp, record.Headers));
        }
    }
}
