using Streamiz.Kafka.Net.Processors.Public;

namespace Aggregator.Topology.Factories;

/// <summary>Streamiz suppliers that create each task's processor from a factory (see <see cref="FactoryTransformer{TKey, TValue, TKeyOut, TValueOut}"/>).</summary>
internal static class Suppliers
{
    public static TransformerSupplier<TKey, TValue, TKeyOut, TValueOut> Transformer<TKey, TValue, TKeyOut, TValueOut>(
        Func<ITransformer<TKey, TValue, TKeyOut, TValueOut>> create) =>
        TransformerBuilder.New<TKey, TValue, TKeyOut, TValueOut>()
            .Transformer<FactoryTransformer<TKey, TValue, TKeyOut, TValueOut>>(create)
            .Build();

    public static ProcessorSupplier<TKey, TValue> Processor<TKey, TValue>(Func<IProcessor<TKey, TValue>> create) =>
        ProcessorBuilder.New<TKey, TValue>()
            .Processor<FactoryProcessor<TKey, TValue>>(create)
            .Build();
}
