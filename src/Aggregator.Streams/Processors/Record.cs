using Confluent.Kafka;

namespace Aggregator.Streams.Processors;

/// <summary>
/// One record flowing through a topology: key, value, event timestamp (epoch ms) and headers.
/// A null value is a tombstone (delete) where tables are concerned.
/// </summary>
public readonly record struct Record<TKey, TValue>(TKey Key, TValue Value, long Timestamp, Headers? Headers = null)
{
    public Record<TNewKey, TValue> WithKey<TNewKey>(TNewKey key) => new(key, Value, Timestamp, Headers);

    public Record<TKey, TNewValue> WithValue<TNewValue>(TNewValue value) => new(Key, value, Timestamp, Headers);

    public Record<TKey, TValue> WithTimestamp(long timestamp) => this with { Timestamp = timestamp };
}
