using Aggregator.Streams.Processors.Operators;
using Aggregator.Streams.Serdes;
using Aggregator.Streams.State;
using Aggregator.Streams.Topology;

namespace Aggregator.Streams.Dsl;

/// <summary>
/// A changelog stream seen as a table: the latest value per key, held in a store. Its updates flow downstream
/// (per commit when cached, so consumers see the latest value per key, not every intermediate one).
/// </summary>
public sealed class KTable<TKey, TValue>
{
    private readonly StreamsBuilder _builder;

    internal KTable(StreamsBuilder builder, NodeDefinition node, string? storeName, ISerde<TKey>? keySerde, ISerde<TValue>? valueSerde)
    {
        _builder = builder;
        Node = node;
        StoreName = storeName;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
    }

    /// <summary>Name of the store that can be queried, or null when the table is not materialized.</summary>
    public string? StoreName { get; }

    internal NodeDefinition Node { get; }

    internal ISerde<TKey>? KeySerde { get; }

    internal ISerde<TValue>? ValueSerde { get; }

    /// <summary>Set for windowed aggregations: needed to suppress until windows close.</summary>
    internal TimeWindows? Windows { get; init; }

    internal StreamsBuilder Builder => _builder;

    /// <summary>The table's update stream.</summary>
    public KStream<TKey, TValue> ToStream(string? name = null)
    {
        var node = _builder.AddProcessor(name ?? _builder.Inner.NewName("to-stream"), () => new KStreamPassThrough<TKey, TValue>(), Node);
        return new KStream<TKey, TValue>(_builder, node, KeySerde, ValueSerde, repartitionRequired: false);
    }
}

/// <summary>Operations only windowed tables have.</summary>
public static class WindowedKTableExtensions
{
    /// <summary>
    /// Emits one final result per window when it closes (stream time past end + grace) instead of every update.
    /// The pending results live in a buffer store with a changelog.
    /// </summary>
    public static KTable<Windowed<TKey>, TValue> Suppress<TKey, TValue>(this KTable<Windowed<TKey>, TValue> table, Suppressed suppressed)
        where TKey : notnull
    {
        var windows = table.Windows ?? throw new InvalidOperationException("Suppress until windows close needs a windowed aggregation's table.");
        var builder = table.Builder;
        var name = suppressed.Name ?? builder.Inner.NewName("suppress");
        var bufferName = name + "-buffer";
        var keySerde = table.KeySerde ?? throw new InvalidOperationException("The windowed table has no key serde.");
        var valueSerde = table.ValueSerde ?? throw new InvalidOperationException("The windowed table has no value serde.");
        builder.Inner.AddStore(Stores.KeyValue(bufferName, keySerde, valueSerde, StoreType.InMemory));
        var grace = windows.GraceMs;
        var node = builder.AddProcessor(name, () => new KTableSuppress<TKey, TValue>(bufferName, grace), table.Node, bufferName);
        return new KTable<Windowed<TKey>, TValue>(builder, node, null, keySerde, valueSerde) { Windows = windows };
    }
}
