using Aggregator.Topology.Serdes;
using Confluent.Kafka;

namespace Aggregator.Tests.Topology.Serdes;

public sealed class PartialCountSerDesTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "aggregator-counts-by-key-repartition");

    [Fact]
    public void PartialCount_RoundTrips_AsEightBytes()
    {
        var bytes = PartialCountSerDes.Instance.Serialize(1_234_567, Context);

        Assert.Equal(8, bytes.Length);
        Assert.Equal(1_234_567, PartialCountSerDes.Instance.Deserialize(bytes, Context));
    }

    // An upgrade may find records of the version before pre-aggregation still unread on the topic.
    [Fact]
    public void APerEventRecordOfTheFormerFormat_ReadsAsOneEvent_AndItsProgressMarkerAsNothing()
    {
        Assert.Equal(1, PartialCountSerDes.Instance.Deserialize(FormerRecord(marker: false), Context));
        Assert.Equal(0, PartialCountSerDes.Instance.Deserialize(FormerRecord(marker: true), Context));
    }

    [Fact]
    public void AnythingElse_IsRefused_NotReadAsANumber()
    {
        Assert.Throws<FormatException>(() => PartialCountSerDes.Instance.Deserialize(new byte[5], Context));
    }

    // [source stream time:8][source partition:4][marker:1][type length:2][type][user length:2][user][path]
    private static byte[] FormerRecord(bool marker)
    {
        var bytes = new byte[13 + 2 + 9 + 2 + 3 + 5];
        bytes[12] = marker ? (byte)1 : (byte)0;
        bytes[14] = 9;
        "page_view"u8.CopyTo(bytes.AsSpan(15));
        bytes[25] = 3;
        "u-1"u8.CopyTo(bytes.AsSpan(26));
        "/home"u8.CopyTo(bytes.AsSpan(29));
        return bytes;
    }
}
