using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// The header a task stamps on every record it writes to a repartition topic: which input record produced it
/// (source topic hash, partition, offset) and its fan-out sequence for that input. A downstream task keeps the
/// last mark it processed per upstream partition in its checkpoint, so when an upstream task crashes and
/// re-processes input it had already sent on, the replayed records are recognised and skipped instead of being
/// counted twice. This is how counts stay exact under at-least-once delivery, without broker transactions.
/// </summary>
internal static class UpstreamMarkHeader
{
    public const string Name = "__agg.src";
    private const int Length = 20;

    public static byte[] Encode(uint topicHash, int partition, long offset, int sequence)
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, topicHash);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), partition);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), offset);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), sequence);
        return bytes;
    }

    public static bool TryDecode(Headers? headers, out uint topicHash, out int partition, out long offset, out int sequence)
    {
        topicHash = 0;
        partition = 0;
        offset = 0;
        sequence = 0;
        if (headers is null || headers.Count == 0)
        {
            return false;
        }

        // The mark is added last by our sinks; search from the end.
        for (var i = headers.Count - 1; i >= 0; i--)
        {
            var header = headers[i];
            if (header.Key != Name)
            {
                continue;
            }

            var bytes = header.GetValueBytes();
            if (bytes is null || bytes.Length != Length)
            {
                return false;
            }

            topicHash = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            partition = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
            offset = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8));
            sequence = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
            return true;
        }

        return false;
    }

    /// <summary>FNV-1a over the topic name: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static uint TopicHash(string topic)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(topic))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
