using Aggregator.Topology.Serdes;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Tests.Topology.Serdes;

public sealed class DeserializedOnceTests
{
    private static readonly SerializationContext Value = new(MessageComponentType.Value, "t");

    [Fact]
    public void TheSecondReadOfTheSameBytes_IsALookup_AndTheThirdDeserializesAgain()
    {
        var inner = new CountingSerDes();
        var once = new DeserializedOnce<string>(inner);
        var bytes = inner.Serialize("a", Value);

        var first = once.Deserialize(bytes, Value);
        var second = once.Deserialize(bytes, Value);
        var third = once.Deserialize(bytes, Value);

        Assert.Same(first, second);
        Assert.Equal("a", third);
        Assert.Equal(2, inner.Deserialized);
    }

    // Streamiz reads the head of every task's queue before processing their records: each still pairs with its own bytes.
    [Fact]
    public void InterleavedRecords_EachGetTheirOwnValue()
    {
        var inner = new CountingSerDes();
        var once = new DeserializedOnce<string>(inner);
        var records = Enumerable.Range(0, 20).Select(i => inner.Serialize($"r{i}", Value)).ToArray();

        foreach (var record in records)
        {
            once.Deserialize(record, Value);
        }

        var second = records.Select(r => once.Deserialize(r, Value)).ToArray();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"r{i}"), second);
        Assert.Equal(20, inner.Deserialized);
    }

    [Fact]
    public void EqualBytesInAnotherArray_AreDeserialized_NotMistakenForTheSameRecord()
    {
        var inner = new CountingSerDes();
        var once = new DeserializedOnce<string>(inner);

        once.Deserialize(inner.Serialize("a", Value), Value);
        once.Deserialize(inner.Serialize("a", Value), Value);

        Assert.Equal(2, inner.Deserialized);
    }

    [Fact]
    public void TwoDecoratorsOverTheSameBytes_DoNotShareResults()
    {
        var bytes = new StringSerDes().Serialize("a", Value);
        var upper = new DeserializedOnce<string>(new UpperSerDes());
        var plain = new DeserializedOnce<string>(new StringSerDes());

        upper.Deserialize(bytes, Value);

        Assert.Equal("a", plain.Deserialize(bytes, Value));
    }

    [Fact]
    public void Serialize_IsTheInnerSerDes()
    {
        Assert.Equal(new StringSerDes().Serialize("x", Value), new DeserializedOnce<string>(new StringSerDes()).Serialize("x", Value));
    }

    private sealed class CountingSerDes : AbstractSerDes<string>
    {
        private readonly StringSerDes _strings = new();

        public int Deserialized { get; private set; }

        public override byte[] Serialize(string data, SerializationContext context) => _strings.Serialize(data, context);

        public override string Deserialize(byte[] data, SerializationContext context)
        {
            Deserialized++;
            return _strings.Deserialize(data, context);
        }
    }

    private sealed class UpperSerDes : AbstractSerDes<string>
    {
        public override byte[] Serialize(string data, SerializationContext context) => new StringSerDes().Serialize(data, context);

        public override string Deserialize(byte[] data, SerializationContext context) => new StringSerDes().Deserialize(data, context).ToUpperInvariant();
    }
}
