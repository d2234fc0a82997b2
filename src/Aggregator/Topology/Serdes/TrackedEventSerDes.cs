using Aggregator.Activity;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>The by-user repartition topic's values: [raw partition:4][raw offset:8] then the refined event's contract JSON.</summary>
internal sealed class TrackedEventSerDes : AbstractSerDes<TrackedEvent>
{
    private const int OriginBytes = 12;

    public static TrackedEventSerDes Instance { get; } = new();

    public override byte[] Serialize(TrackedEvent data, SerializationContext context)
    {
        var json = RefinedEventSerializer.Serialize(data.Event);
        var bytes = new byte[OriginBytes + json.Length];
        RawOriginSerDes.Write(data.Origin, bytes);
        json.CopyTo(bytes, OriginBytes);
        return bytes;
    }

    public override TrackedEvent Deserialize(byte[] data, SerializationContext context)
    {
        if (data is null || data.Length <= OriginBytes)
        {
            throw new FormatException($"A tracked event needs more than {OriginBytes} bytes, got {data?.Length ?? 0}.");
        }

        return new TrackedEvent(RefinedEventSerializer.Deserialize(data.AsMemory(OriginBytes)), RawOriginSerDes.Read(data));
    }
}
