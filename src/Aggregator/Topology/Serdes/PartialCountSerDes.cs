using System.Buffers.Binary;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>
/// The counts-by-key topic's values: a partial count (<see cref="PreAggregator"/>) as 8 bytes, big-endian. Anything else
/// is refused rather than read as a number — the per-event records this topic carried before pre-aggregation (issue 15)
/// were longer, and reading their first bytes as a count would corrupt the counts (they go to the undeserializable-records
/// metric and log instead).
/// </summary>
internal sealed class PartialCountSerDes : AbstractSerDes<long>
{
    private const int Bytes = 8;

    public static PartialCountSerDes Instance { get; } = new();

    public override byte[] Serialize(long data, SerializationContext context)
    {
        var bytes = new byte[Bytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, data);
        return bytes;
    }

    public override long Deserialize(byte[] data, SerializationContext context) =>
        data is { Length: Bytes }
            ? BinaryPrimitives.ReadInt64BigEndian(data)
            : throw new FormatException($"A partial count is {Bytes} bytes, got {data?.Length ?? 0} (a record written before pre-aggregation?).");
}
