using Streamiz.Kafka.Net.Processors.Public;

namespace Aggregator.Topology.Factories;

/// <summary>The terminal-processor twin of <see cref="FactoryTransformer{TKey, TValue, TKeyOut, TValueOut}"/> (same reason).</summary>
internal sealed class FactoryProcessor<TKey, TValue> : IProcessor<TKey, TValue>
{
    private readonly IProcessor<TKey, TValue>? _inner;

    public FactoryProcessor()
    {
    }

    public FactoryProcessor(Func<IProcessor<TKey, TValue>> create) => _inner = create();

    private IProcessor<TKey, TValue> Inner =>
        _inner ?? throw new InvalidOperationException("The prototype processor is never run; Streamiz creates one per task from the factory.");

    public void Init(ProcessorContext<TKey, TValue> context) => Inner.Init(context);

    public void Process(Record<TKey, TValue> record) => Inner.Process(record);

    public void Close() => Inner.Close();
}
