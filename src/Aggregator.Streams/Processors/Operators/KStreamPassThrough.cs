namespace Aggregator.Streams.Processors.Operators;

/// <summary>Forwards unchanged: merge points and table-to-stream conversions.</summary>
internal sealed class KStreamPassThrough<TKey, TValue> : IProcessor<TKey, TValue, TKey, TValue>
{
    private IProcessorContext<TKey, TValue> _context = null!;

    public void Init(IProcessorContext<TKey, TValue> context) => _context = context;

    public void Process(Record<TKey, TValue> record) => _context.Forward(record);
}
