using Aggregator.Streams.Runtime;
using Confluent.Kafka;

namespace Aggregator.Streams.Testing;

/// <summary>The test driver's collector: every sent record is appended to its topic's log, acknowledged at once.</summary>
internal sealed class CapturingRecordCollector : IRecordCollector
{
    private readonly Dictionary<string, List<CapturedRecord>> _topics = new(StringComparer.Ordinal);

    public IReadOnlyList<CapturedRecord> Log(string topic) => _topics.TryGetValue(topic, out var log) ? log : [];

    public IEnumerable<string> Topics => _topics.Keys;

    public void Send(string topic, int partition, byte[]? key, byte[]? value, Headers? headers, long timestamp) =>
        Append(topic, partition, key, value, headers, timestamp);

    public void Send(string topic, int partition, byte[] key, byte[]? value, Headers? headers, long timestamp, Action<long> onDelivered) =>
        onDelivered(Append(topic, partition, key, value, headers, timestamp));

    public void Flush(CancellationToken cancellationToken)
    {
    }

    private long Append(string topic, int partition, byte[]? key, byte[]? value, Headers? headers, long timestamp)
    {
        if (!_topics.TryGetValue(topic, out var log))
        {
            log = [];
            _topics[topic] = log;
        }

        // Copy headers: the sender may reuse its instance (changelog batches do).
        var copy = new Headers();
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                copy.Add(header.Key, header.GetValueBytes());
            }
        }

        log.Add(new CapturedRecord(topic, Math.Max(partition, 0), log.Count, key, value, copy, timestamp));
        return log.Count - 1;
    }
}

internal sealed record CapturedRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, Headers Headers, long Timestamp);
