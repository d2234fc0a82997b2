using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>
/// Compact binary form: [source stream time:8][source partition:4][marker:1][type length:2][type][user length:2][user][path],
/// UTF-8.
/// </summary>
internal sealed class CountedEventSerDes : AbstractSerDes<CountedEvent>
{
    private const int TimeBytes = 13; // the source's stream time and partition, and whether this is a progress marker

    public static CountedEventSerDes Instance { get; } = new();

    public override byte[] Serialize(CountedEvent data, SerializationContext context)
    {
        var typeLength = Encoding.UTF8.GetByteCount(data.Type);
        var userLength = Encoding.UTF8.GetByteCount(data.User);
        var bytes = new byte[TimeBytes + 4 + typeLength + userLength + Encoding.UTF8.GetByteCount(data.Path)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, data.SourceStreamTime);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), data.SourcePartition);
        bytes[12] = data.IsMarker ? (byte)1 : (byte)0;
        var span = bytes.AsSpan(TimeBytes);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)typeLength);
        Encoding.UTF8.GetBytes(data.Type, span[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(2 + typeLength)..], (ushort)userLength);
        Encoding.UTF8.GetBytes(data.User, span[(4 + typeLength)..]);
        Encoding.UTF8.GetBytes(data.Path, span[(4 + typeLength + userLength)..]);
        return bytes;
    }

    public override CountedEvent Deserialize(byte[] data, SerializationContext context) => Read(data ?? []);

    private static CountedEvent Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < TimeBytes + 4)
        {
            throw new FormatException($"A counted event needs at least {TimeBytes + 4} bytes, got {bytes.Length}.");
        }

        var sourceStreamTime = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var sourcePartition = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        var isMarker = bytes[12] == 1;
        var data = bytes[TimeBytes..];
        var typeLength = BinaryPrimitives.ReadUInt16BigEndian(data);
        var type = Encoding.UTF8.GetString(data.Slice(2, typeLength));
        var rest = data[(2 + typeLength)..];
        var userLength = BinaryPrimitives.ReadUInt16BigEndian(rest);
        return new CountedEvent(type, Encoding.UTF8.GetString(rest[(2 + userLength)..]), Encoding.UTF8.GetString(rest.Slice(2, userLength)), sourceStreamTime, sourcePartition, isMarker);
    }
}
