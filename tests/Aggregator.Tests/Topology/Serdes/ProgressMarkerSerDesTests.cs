using Aggregator.Topology;
using Aggregator.Topology.Serdes;
using Confluent.Kafka;

namespace Aggregator.Tests.Topology.Serdes;

/// <summary>Progress markers travel through both repartition topics beside events: the wire forms must keep them apart.</summary>
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

    [Fact]
    public void DedupTaskMarker_RoundTrips_AsAMarker_AndAnEventDoesNot()
    {
        var marker = CountedEvent.Marker(1_796_000_000_000, dedupPartition: 2, target: 1);
        var counted = new CountedEvent("page_view", "/", "u-1", 42, 2);

        var readMarker = CountedEventSerDes.Instance.Deserialize(CountedEventSerDes.Instance.Serialize(marker, Context), Context);
        var readEvent = CountedEventSerDes.Instance.Deserialize(CountedEventSerDes.Instance.Serialize(counted, Context), Context);

        Assert.True(readMarker.IsMarker);
        Assert.Equal((1_796_000_000_000L, 2), (readMarker.SourceStreamTime, readMarker.SourcePartition));
        Assert.False(readEvent.IsMarker);
        Assert.Equal(("page_view", "/", "u-1", 42L, 2), (readEvent.Type, readEvent.Path, readEvent.User, readEvent.SourceStreamTime, readEvent.SourcePartition));
    }
}
