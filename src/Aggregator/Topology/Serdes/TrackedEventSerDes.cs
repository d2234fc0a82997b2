using System.Buffers.Binary;
using Aggregator.Activity;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>
/// The by-user repartition topic's values: [raw partition:4][raw offset:8][source stream time:8] then the refined event's
/// contract JSON; nothing after the header for a progress marker.
/// </summary>
internal sealed class TrackedEventSerDes : AbstractSerDes<TrackedEvent>
{
    private const int OriginBytes = 12;
    private const int HeaderBytes = OriginBytes + 8;

    public static TrackedEventSerDes Instance { get; } = new();

    public override byte[] Serialize(TrackedEvent data, SerializationContext context)
    {
        var json = data.Event is null ? [] : RefinedEventSerializer.Serialize(data.Event);
        var bytes = new byte[HeaderBytes + json.Length];
        RawOriginSerDes.Write(data.Origin, bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(OriginBytes), data.SourceStreamTime);
        json.CopyTo(bytes, HeaderBytes);
        return bytes;
    }

    public override TrackedEvent Deserialize(byte[] data, SerializationContext context)
    {
        if (data is null || data.Length < HeaderBytes)
        {
            throw new FormatException($"A tracked event needs at least {HeaderBytes} bytes, got {data?.Length ?? 0}.");
        }

        var refined = data.Length == HeaderBytes ? null : RefinedEventSerializer.Deserialize(data.AsMemory(HeaderBytes));
        return new TrackedEvent(refined, RawOriginSerDes.Read(data), BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(OriginBytes)));
    }
}
