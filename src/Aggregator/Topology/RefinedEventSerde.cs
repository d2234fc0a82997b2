using Aggregator.Activity;
using Aggregator.Streams.Serdes;

namespace Aggregator.Topology;

/// <summary>Refined events on the wire: the contract's JSON (activity.refined and the by-user repartition topic).</summary>
internal sealed class RefinedEventSerde : ISerde<RefinedEvent>
{
    public static RefinedEventSerde Instance { get; } = new();

    public byte[] Serialize(RefinedEvent value) => RefinedEventSerializer.Serialize(value);

    public RefinedEvent Deserialize(ReadOnlySpan<byte> data) => RefinedEventSerializer.Deserialize(data);
}
