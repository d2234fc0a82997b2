using System.Buffers.Binary;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// The header on every record a task writes to a repartition topic: which task wrote it and that task's watermark
/// (see <see cref="WatermarkTracker"/>). A record with no key and no value is a heartbeat, sent to every partition
/// at each commit so readers learn a writer's progress even when it has no data for them.
/// </summary>
internal static class WatermarkHeader
{
    public const string Name = "__agg.wm";
    private const int Length = 17;
    private const byte EmptyFlag = 1;
    private const byte HeartbeatFlag = 2;

    public static byte[] Encode(int subtopology, int partition, long watermark, bool empty, bool heartbeat)
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, subtopology);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), partition);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), watermark);
        bytes[16] = (byte)((empty ? EmptyFlag : 0) | (heartbeat ? HeartbeatFlag : 0));
        return bytes;
    }

    public static bool TryDecode(Headers? headers, out int subtopology, out int partition, out long watermark, out bool empty, out bool heartbeat)
    {
        subtopology = partition = 0;
        watermark = -1;
        empty = heartbeat = false;
        if (headers is null)
        {
            return false;
        }

        for (var i = headers.Count - 1; i >= 0; i--)
        {
            if (headers[i].Key != Name)
            {
                continue;
            }

            var bytes = headers[i].GetValueBytes();
            if (bytes is not { Length: Length })
            {
                return false;
            }

            subtopology = BinaryPrimitives.ReadInt32BigEndian(bytes);
            partition = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
            watermark = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8));
            empty = (bytes[16] & EmptyFlag) != 0;
            heartbeat = (bytes[16] & HeartbeatFlag) != 0;
            return true;
        }

        return false;
    }
}
