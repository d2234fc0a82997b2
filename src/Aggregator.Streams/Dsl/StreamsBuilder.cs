using Aggregator.Streams.Processors;
using Aggregator.Streams.Runtime.Nodes;
using Aggregator.Streams.State;
using Aggregator.Streams.State.Internal;
using Aggregator.Streams.Topology;

namespace Aggregator.Streams.Dsl;

/// <summary>
/// Entry point of the DSL: declare sources (streams, tables, global tables) and state stores, chain
/// operators, then <see cref="Build"/> an immutable <see cref="Topology.Topology"/>. Building does no I/O.
/// </summary>
public sealed class StreamsBuilder
{
    internal TopologyBuilder Inner { get; } = new();

    public KStream<TKey, TValue> Stream<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed) =>
        Stream([topic], consumed);

    public KStream<TKey, TValue> Stream<TKey, TValue>(IReadOnlyList<string> topics, Consumed<TKey, TValue> consumed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(topics.Count);
        var name = consumed.Name ?? Inner.NewName("source");
        var node = Inner.AddSource(name, topics, isRepartition: false,
            () => new SourceNode<TKey, TValue>(name, consumed.KeySerde, consumed.ValueSerde, consumed.TimestampExtractor));
        return new KStream<TKey, TValue>(this, node, consumed.KeySerde, consumed.ValueSerde, repartitionRequired: false);
    }

    /// <summary>A table over a topic (latest value per key; null values delete), co-partitioned with its users.</summary>
    public KTable<TKey, TValue> Table<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed, Materialized<TKey, TValue>? materialized = null)
        where TKey : notnull
    {
        var source = Stream(topic, consumed);
        var storeName = materialized?.StoreName ?? Inner.NewName("table-store");
        var store = Stores.KeyValue(storeName, materialized?.KeySerde ?? consumed.KeySerde, materialized?.ValueSerde ?? consumed.ValueSerde, materialized?.StoreType ?? StoreType.RocksDb);
        Configure(store, materialized?.LoggingEnabled ?? true, materialized?.CachingEnabled ?? true);
        Inner.AddStore(store);
        var name = Inner.NewName("table-source");
        var node = AddProcessor(name, () => new Processors.Operators.KTableSource<TKey, TValue>(storeName), source.Node, storeName);
        return new KTable<TKey, TValue>(this, node, storeName, consumed.KeySerde, consumed.ValueSerde);
    }

    /// <summary>
    /// A table every instance holds in full, read to the end of its topic before any processing starts and kept
    /// current while running. Joins with it need no co-partitioning.
    /// </summary>
    public GlobalKTable<TKey, TValue> GlobalTable<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed, string storeName)
        where TKey : notnull
    {
        Inner.AddGlobalStore(new GlobalStoreDefinition(storeName, topic,
            () => new GlobalKeyValueStore<TKey, TValue>(storeName, consumed.KeySerde, consumed.ValueSerde)));
        return new GlobalKTable<TKey, TValue>(storeName, topic);
    }

    /// <summary>Adds a store for processors of the processor API (connect it by name in <c>Process</c>).</summary>
    public StreamsBuilder AddStateStore(StoreBuilder store)
    {
        Inner.AddStore(store);
        return this;
    }

    public Topology.Topology Build() => Inner.Build();

    internal ProcessorDefinition AddProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>(
        string name, Func<IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>> supplier, NodeDefinition parent, params string[] stores) =>
        Inner.AddProcessor(name, () => new ProcessorNodeImpl<TKeyIn, TValueIn, TKeyOut, TValueOut>(name, supplier()), [parent], stores);

    internal static void Configure(StoreBuilder store, bool logging, bool caching)
    {
        if (!logging)
        {
            store.WithLoggingDisabled();
        }

        if (!caching)
        {
            store.WithCachingDisabled();
        }
    }
}
