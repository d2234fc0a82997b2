using System.Buffers.Binary;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>Where an event was first read, as 12 bytes: [raw partition:4][raw offset:8], big-endian.</summary>
internal sealed class RawOriginSerDes : AbstractSerDes<RawOrigin>
{
    public static RawOriginSerDes Instance { get; } = new();

    public override byte[] Serialize(RawOrigin data, SerializationContext context)
    {
        var bytes = new byte[12];
        Write(data, bytes);
        return bytes;
    }

    public override RawOrigin Deserialize(byte[] data, SerializationContext context) =>
        data is { Length: >= 12 } ? Read(data) : throw new FormatException($"A raw origin needs 12 bytes, got {data?.Length ?? 0}.");

    internal static void Write(RawOrigin origin, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, origin.Partition);
        BinaryPrimitives.WriteInt64BigEndian(destination[4..], origin.Offset);
    }

    internal static RawOrigin Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadInt32BigEndian(source), BinaryPrimitives.ReadInt64BigEndian(source[4..]));
}
