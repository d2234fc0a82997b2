using System.Buffers.Binary;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>
/// The counts-by-key topic's values: a partial count (<see cref="PreAggregator"/>) as 8 bytes, big-endian.
/// </summary>
/// <remarks>
/// Before pre-aggregation (issue 15) this topic carried one record per event — [source stream time:8][source
/// partition:4][marker:1][type, user, path…], at least 17 bytes — and an upgrade may find some still unread: such a
/// record reads as one event, a progress marker of that format as nothing (0, which the counting stage ignores).
/// Any other length is refused rather than read as a number.
/// </remarks>
internal sealed class PartialCountSerDes : AbstractSerDes<long>
{
    private const int Bytes = 8;
    private const int LegacyMinimum = 17;
    private const int LegacyMarkerFlag = 12;

    public static PartialCountSerDes Instance { get; } = new();

    public override byte[] Serialize(long data, SerializationContext context)
    {
        var bytes = new byte[Bytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, data);
        return bytes;
    }

    public override long Deserialize(byte[] data, SerializationContext context) => data switch
    {
        { Length: Bytes } => BinaryPrimitives.ReadInt64BigEndian(data),
        { Length: >= LegacyMinimum } => data[LegacyMarkerFlag] == 1 ? 0 : 1,
        _ => throw new FormatException($"A partial count is {Bytes} bytes, got {data?.Length ?? 0}."),
    };
}
