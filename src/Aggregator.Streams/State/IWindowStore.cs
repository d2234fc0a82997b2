using Aggregator.Streams.Dsl;

namespace Aggregator.Streams.State;

/// <summary>Reads of a window store: values per (key, window start).</summary>
public interface IReadOnlyWindowStore<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Size of the windows the store holds, in milliseconds.</summary>
    long WindowSizeMs { get; }

    bool TryFetch(TKey key, long windowStartMs, out TValue value);

    /// <summary>Values of <paramref name="key"/> for windows starting in [fromStartMs, toStartMs], ascending.</summary>
    IEnumerable<KeyValuePair<long, TValue>> Fetch(TKey key, long fromStartMs, long toStartMs);

    /// <summary>All entries of windows starting in [fromStartMs, toStartMs], ordered by window start.</summary>
    IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> FetchAll(long fromStartMs, long toStartMs);
}

/// <summary>A window store. Windows older than the retention are dropped as stream time advances.</summary>
public interface IWindowStore<TKey, TValue> : IStateStore, IReadOnlyWindowStore<TKey, TValue>
    where TKey : notnull
{
    void Put(TKey key, long windowStartMs, TValue value, long timestamp);

    void Delete(TKey key, long windowStartMs);
}
