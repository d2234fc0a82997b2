using Streamiz.Kafka.Net.Processors.Public;

namespace Aggregator.Topology.Factories;

/// <summary>
/// Lets each task get a fresh transformer from a factory, so our processors take their dependencies in constructors.
/// Streamiz 1.8 creates one instance per task with <c>Activator.CreateInstance(type, parameters)</c> (its cloning hook,
/// ICloneableProcessor, is internal), and its builder also news up one unused prototype through the parameterless
/// constructor.
/// </summary>
internal sealed class FactoryTransformer<TKey, TValue, TKeyOut, TValueOut> : ITransformer<TKey, TValue, TKeyOut, TValueOut>
{
    private readonly ITransformer<TKey, TValue, TKeyOut, TValueOut>? _inner;

    public FactoryTransformer()
    {
    }

    public FactoryTransformer(Func<ITransformer<TKey, TValue, TKeyOut, TValueOut>> create) => _inner = create();

    private ITransformer<TKey, TValue, TKeyOut, TValueOut> Inner =>
        _inner ?? throw new InvalidOperationException("The prototype transformer is never run; Streamiz creates one per task from the factory.");

    public void Init(ProcessorContext<TKeyOut, TValueOut> context) => Inner.Init(context);

    public Record<TKeyOut, TValueOut> Process(Record<TKey, TValue> record) => Inner.Process(record);

    public void Close() => Inner.Close();
}
