using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>A record as consumed: bytes plus its coordinates. Null key/value bytes mean null on the wire.</summary>
internal readonly record struct RawRecord(
    string Topic,
    int Partition,
    long Offset,
    long Timestamp,
    byte[]? Key,
    byte[]? Value,
    Headers? Headers);
