using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.State;

/// <summary>Factory of store builders for the processor API (<c>StreamsBuilder.AddStateStore</c>).</summary>
public static class Stores
{
    public static KeyValueStoreBuilder<TKey, TValue> KeyValue<TKey, TValue>(
        string name, ISerde<TKey> keySerde, ISerde<TValue> valueSerde, StoreType type = StoreType.RocksDb)
        where TKey : notnull => new(name, type, keySerde, valueSerde);

    public static WindowStoreBuilder<TKey, TValue> Window<TKey, TValue>(
        string name, ISerde<TKey> keySerde, ISerde<TValue> valueSerde, TimeSpan windowSize, TimeSpan retention, StoreType type = StoreType.RocksDb)
        where TKey : notnull =>
        new(name, type, keySerde, valueSerde, (long)windowSize.TotalMilliseconds, (long)retention.TotalMilliseconds);
}
