namespace Aggregator.Streams.State;

/// <summary>Reads of a key-value store.</summary>
public interface IReadOnlyKeyValueStore<TKey, TValue>
    where TKey : notnull
{
    bool TryGet(TKey key, out TValue value);

    /// <summary>All entries, in no guaranteed order. Includes uncommitted writes of the owning task.</summary>
    IEnumerable<KeyValuePair<TKey, TValue>> All();
}

/// <summary>A key-value store: fault tolerant through its changelog topic unless logging is disabled.</summary>
public interface IKeyValueStore<TKey, TValue> : IStateStore, IReadOnlyKeyValueStore<TKey, TValue>
    where TKey : notnull
{
    void Put(TKey key, TValue value);

    void Delete(TKey key);
}
