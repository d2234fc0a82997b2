using Aggregator.Streams.Processors.Operators;
using Aggregator.Streams.Serdes;
using Aggregator.Streams.State;

namespace Aggregator.Streams.Dsl;

/// <summary>A grouped stream cut into time windows: aggregations yield a table keyed by (key, window).</summary>
public sealed class TimeWindowedKStream<TKey, TValue>
    where TKey : notnull
{
    private readonly KGroupedStream<TKey, TValue> _grouped;
    private readonly TimeWindows _windows;

    internal TimeWindowedKStream(KGroupedStream<TKey, TValue> grouped, TimeWindows windows)
    {
        _grouped = grouped;
        _windows = windows;
    }

    public KTable<Windowed<TKey>, long> Count(Materialized<TKey, long>? materialized = null) =>
        Aggregate(static (_, _, count, exists) => exists ? count + 1 : 1,
            (materialized ?? new()) with { ValueSerde = materialized?.ValueSerde ?? Serdes.Serdes.Long }, "window-count");

    public KTable<Windowed<TKey>, TAgg> Aggregate<TAgg>(Func<TAgg> initializer, Func<TKey, TValue, TAgg, TAgg> aggregator, Materialized<TKey, TAgg> materialized) =>
        Aggregate((key, value, current, exists) => aggregator(key, value, exists ? current : initializer()), materialized, "window-aggregate");

    public KTable<Windowed<TKey>, TValue> Reduce(Func<TValue, TValue, TValue> reducer, Materialized<TKey, TValue>? materialized = null) =>
        Aggregate((_, value, current, exists) => exists ? reducer(current, value) : value,
            (materialized ?? new()) with { ValueSerde = materialized?.ValueSerde ?? _grouped.ValueSerde }, "window-reduce");

    private KTable<Windowed<TKey>, TAgg> Aggregate<TAgg>(Func<TKey, TValue, TAgg, bool, TAgg> aggregate, Materialized<TKey, TAgg> materialized, string kind)
    {
        var builder = _grouped.Builder;
        var storeName = materialized.StoreName ?? builder.Inner.NewName(kind + "-store");
        var input = _grouped.PrepareInput(storeName);
        var keySerde = materialized.KeySerde ?? _grouped.RequireKeySerde(storeName);
        var valueSerde = materialized.ValueSerde ?? throw new InvalidOperationException($"No value serde for store '{storeName}': pass Materialized.WithValueSerde.");
        var retention = Math.Max((long)(materialized.Retention?.TotalMilliseconds ?? 0), _windows.RetentionMs);
        var store = new WindowStoreBuilder<TKey, TAgg>(storeName, materialized.StoreType, keySerde, valueSerde, _windows.SizeMs, retention);
        StreamsBuilder.Configure(store, materialized.LoggingEnabled, materialized.CachingEnabled);
        builder.Inner.AddStore(store);
        var windows = _windows;
        var node = builder.AddProcessor(builder.Inner.NewName(kind),
            () => new KStreamWindowAggregate<TKey, TValue, TAgg>(storeName, windows, aggregate), input.Node, storeName);
        return new KTable<Windowed<TKey>, TAgg>(builder, node, storeName, new TimeWindowedSerde<TKey>(keySerde, _windows.Size), valueSerde)
        {
            Windows = _windows,
        };
    }
}
