using System.Collections.Concurrent;
using Aggregator.Streams.Runtime;
using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.State.Internal;

/// <summary>
/// An in-memory global table: lock-free reads from stream threads while the global thread writes.
/// Processors may only read it; the topic is the single source of truth.
/// </summary>
internal sealed class GlobalKeyValueStore<TKey, TValue>(string name, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    : IGlobalStore, IKeyValueStore<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    public string Name { get; } = name;

    public long Count => _entries.Count;

    public bool Apply(in RawRecord record, DeserializationErrorHandler errors)
    {
        if (record.Key is null)
        {
            errors.Handle(record, isKey: true, new FormatException("The record has no key."));
            return false;
        }

        TKey key;
        try
        {
            key = keySerde.Deserialize(record.Key);
        }
        catch (Exception ex)
        {
            errors.Handle(record, isKey: true, ex);
            return false;
        }

        if (record.Value is null)
        {
            _entries.TryRemove(key, out _);
            return true;
        }

        try
        {
            _entries[key] = valueSerde.Deserialize(record.Value);
            return true;
        }
        catch (Exception ex)
        {
            errors.Handle(record, isKey: false, ex);
            return false;
        }
    }

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    public IEnumerable<KeyValuePair<TKey, TValue>> All() => _entries.ToArray();

    public void Put(TKey key, TValue value) =>
        throw new InvalidOperationException($"Global store '{Name}' is read-only for processors: write to its topic instead.");

    public void Delete(TKey key) =>
        throw new InvalidOperationException($"Global store '{Name}' is read-only for processors: write a tombstone to its topic instead.");
}
