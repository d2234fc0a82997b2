using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// Where a task's output goes: sinks, changelogs and DLQ records. The Kafka implementation wraps one
/// idempotent producer per stream thread; the test driver captures records in memory.
/// </summary>
internal interface IRecordCollector
{
    /// <summary>Sends a record; <paramref name="partition"/> &lt; 0 lets the partitioner choose by key.</summary>
    void Send(string topic, int partition, byte[]? key, byte[]? value, Headers? headers, long timestamp);

    /// <summary>Sends a record and reports the offset it was written at once acknowledged.</summary>
    void Send(string topic, int partition, byte[] key, byte[]? value, Headers? headers, long timestamp, Action<long> onDelivered);

    /// <summary>Waits until every record sent so far is acknowledged; throws if any failed.</summary>
    void Flush(CancellationToken cancellationToken);
}
