using Aggregator.Streams.Serdes;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State;

public sealed class KeyValueStoreBuilder<TKey, TValue> : StoreBuilder
    where TKey : notnull
{
    internal KeyValueStoreBuilder(string name, StoreType type, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
        : base(name, type)
    {
        KeySerde = keySerde;
        ValueSerde = valueSerde;
    }

    public ISerde<TKey> KeySerde { get; }

    public ISerde<TValue> ValueSerde { get; }

    public override string Kind => "key-value";

    internal override ManagedStore Build(int cacheMaxEntries) =>
        new CachedKeyValueStore<TKey, TValue>(Name, Type, LoggingEnabled, CachingEnabled, cacheMaxEntries, KeySerde, ValueSerde);
}
