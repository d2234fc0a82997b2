using Aggregator.Activity;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>Refined events on the wire: the contract's JSON (activity.refined).</summary>
internal sealed class RefinedEventSerDes : AbstractSerDes<RefinedEvent>
{
    public static RefinedEventSerDes Instance { get; } = new();

    public override byte[] Serialize(RefinedEvent data, SerializationContext context) => RefinedEventSerializer.Serialize(data);

    public override RefinedEvent Deserialize(byte[] data, SerializationContext context) => RefinedEventSerializer.Deserialize(data);
}
