using System.Buffers.Binary;
using System.Text;
using Aggregator.Streams.Serdes;

namespace Aggregator.Topology;

/// <summary>
/// What the counting sub-topology needs of an event, sent through the counts-by-key repartition topic instead of
/// the whole refined record: its type, path and user (for approximate unique users in reports). Event time
/// travels as the record timestamp.
/// </summary>
internal readonly record struct CountedEvent(string Type, string Path, string User);

/// <summary>Compact binary form: [type length:2][type][user length:2][user][path], UTF-8.</summary>
internal sealed class CountedEventSerde : ISerde<CountedEvent>
{
    public static CountedEventSerde Instance { get; } = new();

    public byte[] Serialize(CountedEvent value)
    {
        var typeLength = Encoding.UTF8.GetByteCount(value.Type);
        var userLength = Encoding.UTF8.GetByteCount(value.User);
        var bytes = new byte[4 + typeLength + userLength + Encoding.UTF8.GetByteCount(value.Path)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)typeLength);
        Encoding.UTF8.GetBytes(value.Type, span[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(2 + typeLength)..], (ushort)userLength);
        Encoding.UTF8.GetBytes(value.User, span[(4 + typeLength)..]);
        Encoding.UTF8.GetBytes(value.Path, span[(4 + typeLength + userLength)..]);
        return bytes;
    }

    public CountedEvent Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            throw new FormatException($"A counted event needs at least 4 bytes, got {data.Length}.");
        }

        var typeLength = BinaryPrimitives.ReadUInt16BigEndian(data);
        var type = Encoding.UTF8.GetString(data.Slice(2, typeLength));
        var rest = data[(2 + typeLength)..];
        var userLength = BinaryPrimitives.ReadUInt16BigEndian(rest);
        return new CountedEvent(type, Encoding.UTF8.GetString(rest[(2 + userLength)..]), Encoding.UTF8.GetString(rest.Slice(2, userLength)));
    }
}
