using System.Buffers.Binary;
using Aggregator.Streams.Dsl;

namespace Aggregator.Streams.Serdes;

/// <summary>
/// Windowed keys as Kafka Streams' TimeWindowedSerializer writes them: the inner key's bytes followed by the
/// window start as 8 big-endian bytes. The window size is not on the wire, so the reader must know it.
/// </summary>
public sealed class TimeWindowedSerde<TKey>(ISerde<TKey> inner, TimeSpan windowSize) : ISerde<Windowed<TKey>>
{
    private readonly long _windowSizeMs = (long)windowSize.TotalMilliseconds;

    public byte[] Serialize(Windowed<TKey> value)
    {
        var key = inner.Serialize(value.Key);
        var bytes = new byte[key.Length + 8];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), value.Window.StartMs);
        return bytes;
    }

    public Windowed<TKey> Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8)
        {
            throw new FormatException($"A windowed key needs at least 8 bytes, got {data.Length}.");
        }

        var start = BinaryPrimitives.ReadInt64BigEndian(data[^8..]);
        return new Windowed<TKey>(inner.Deserialize(data[..^8]), new TimeWindow(start, start + _windowSizeMs));
    }
}
