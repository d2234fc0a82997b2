using Aggregator.Streams.Processors.Operators;
using Aggregator.Streams.Serdes;
using Aggregator.Streams.State;

namespace Aggregator.Streams.Dsl;

/// <summary>A stream grouped by key, ready to aggregate or to window.</summary>
public sealed class KGroupedStream<TKey, TValue>
    where TKey : notnull
{
    private readonly StreamsBuilder _builder;
    private readonly KStream<TKey, TValue> _stream;
    private readonly string? _name;

    internal KGroupedStream(StreamsBuilder builder, KStream<TKey, TValue> stream, ISerde<TKey>? keySerde, ISerde<TValue>? valueSerde, string? name)
    {
        _builder = builder;
        _stream = stream;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
        _name = name;
    }

    internal ISerde<TKey>? KeySerde { get; }

    internal ISerde<TValue>? ValueSerde { get; }

    public TimeWindowedKStream<TKey, TValue> WindowedBy(TimeWindows windows) => new(this, windows);

    public KTable<TKey, long> Count(Materialized<TKey, long>? materialized = null) =>
        Aggregate(static (_, _, count, exists) => exists ? count + 1 : 1, (materialized ?? new()) with { ValueSerde = materialized?.ValueSerde ?? Serdes.Serdes.Long }, "count");

    public KTable<TKey, TAgg> Aggregate<TAgg>(Func<TAgg> initializer, Func<TKey, TValue, TAgg, TAgg> aggregator, Materialized<TKey, TAgg> materialized) =>
        Aggregate((key, value, current, exists) => aggregator(key, value, exists ? current : initializer()), materialized, "aggregate");

    public KTable<TKey, TValue> Reduce(Func<TValue, TValue, TValue> reducer, Materialized<TKey, TValue>? materialized = null) =>
        Aggregate((_, value, current, exists) => exists ? reducer(current, value) : value, (materialized ?? new()) with { ValueSerde = materialized?.ValueSerde ?? ValueSerde }, "reduce");

    /// <summary>The stream to aggregate, repartitioned by key first if an earlier operator changed keys.</summary>
    internal KStream<TKey, TValue> PrepareInput(string storeName) =>
        _stream.RepartitionRequired
            ? _stream.ThroughRepartitionTopic(_name ?? storeName, KeySerde, ValueSerde, null)
            : _stream;

    internal ISerde<TKey> RequireKeySerde(string storeName) =>
        KeySerde ?? throw new InvalidOperationException($"No key serde for store '{storeName}': pass Grouped.With or Materialized.WithKeySerde.");

    internal StreamsBuilder Builder => _builder;

    private KTable<TKey, TAgg> Aggregate<TAgg>(Func<TKey, TValue, TAgg, bool, TAgg> aggregate, Materialized<TKey, TAgg> materialized, string kind)
    {
        var storeName = materialized.StoreName ?? _builder.Inner.NewName(kind + "-store");
        var input = PrepareInput(storeName);
        var keySerde = materialized.KeySerde ?? KeySerde ?? throw new InvalidOperationException($"No key serde for store '{storeName}'.");
        var valueSerde = materialized.ValueSerde ?? throw new InvalidOperationException($"No value serde for store '{storeName}': pass Materialized.WithValueSerde.");
        var store = Stores.KeyValue(storeName, keySerde, valueSerde, materialized.StoreType);
        StreamsBuilder.Configure(store, materialized.LoggingEnabled, materialized.CachingEnabled);
        _builder.Inner.AddStore(store);
        var node = _builder.AddProcessor(_builder.Inner.NewName(kind),
            () => new KStreamAggregate<TKey, TValue, TAgg>(storeName, aggregate), input.Node, storeName);
        return new KTable<TKey, TAgg>(_builder, node, storeName, keySerde, valueSerde);
    }
}
