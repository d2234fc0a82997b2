using Aggregator.Topology;
using Aggregator.Topology.Serdes;
using Confluent.Kafka;

namespace Aggregator.Tests.Topology.Serdes;

/// <summary>Progress markers travel through the by-user repartition topic beside events: the wire form must keep them apart.</summary>
public sealed class ProgressMarkerSerDesTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "t");

    [Fact]
    public void RawPartitionMarker_RoundTrips_AsAMarker_WithItsPartitionAndStreamTime()
    {
        var marker = new TrackedEvent(null, new RawOrigin(3, -1), 1_796_000_000_000, Target: 5);

        var read = TrackedEventSerDes.Instance.Deserialize(TrackedEventSerDes.Instance.Serialize(marker, Context), Context);

        Assert.True(read.IsMarker);
        Assert.Equal(new RawOrigin(3, -1), read.Origin);
        Assert.Equal(1_796_000_000_000, read.SourceStreamTime);
    }
}
