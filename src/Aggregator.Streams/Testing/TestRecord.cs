using Confluent.Kafka;

namespace Aggregator.Streams.Testing;

/// <summary>A record read from an output topic of the test driver.</summary>
public sealed record TestRecord<TKey, TValue>(TKey Key, TValue Value, long Timestamp, Headers Headers)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp);
}
