using Aggregator.Streams.Serdes;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State;

public sealed class WindowStoreBuilder<TKey, TValue> : WindowStoreBuilderBase
    where TKey : notnull
{
    internal WindowStoreBuilder(string name, StoreType type, ISerde<TKey> keySerde, ISerde<TValue> valueSerde, long windowSizeMs, long retentionMs)
        : base(name, type, windowSizeMs, retentionMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSizeMs, 1);
        if (retentionMs < windowSizeMs)
        {
            throw new ArgumentOutOfRangeException(nameof(retentionMs), $"Retention ({retentionMs} ms) must be at least the window size ({windowSizeMs} ms).");
        }

        KeySerde = keySerde;
        ValueSerde = valueSerde;
    }

    public ISerde<TKey> KeySerde { get; }

    public ISerde<TValue> ValueSerde { get; }

    internal override ManagedStore Build(int cacheMaxEntries) =>
        new CachedWindowStore<TKey, TValue>(Name, Type, LoggingEnabled, CachingEnabled, cacheMaxEntries, KeySerde, ValueSerde, WindowSizeMs, RetentionMs);
}
