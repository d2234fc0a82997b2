using Aggregator.Serialization;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>activity.counts values in the JSON contract (<see cref="WindowedCountJson"/>).</summary>
internal sealed class CountsValueJsonSerDes : AbstractSerDes<WindowedCount>
{
    public static CountsValueJsonSerDes Instance { get; } = new();

    public override byte[] Serialize(WindowedCount data, SerializationContext context) => WindowedCountJson.Value(data.Window, data.Count);

    public override WindowedCount Deserialize(byte[] data, SerializationContext context) => CountsKeyJsonSerDes.Read(data);
}
