using System.Buffers.Binary;
using System.Text;
using Aggregator.Demo;
using Aggregator.Serialization;
using Aggregator.Tests.Serialization;

namespace Aggregator.Tests.Demo;

public sealed class RawValueEncoderTests
{
    private static readonly byte[] Event = Encoding.UTF8.GetBytes(
        """{"eventId":"e-1","type":"click","timestamp":"2026-11-21T10:00:10.250Z","userId":"u-1","url":"https://shop.example.com/cart?x=1","properties":{"button":"buy"}}""");

    [Fact]
    public void Json_SendsTheValueAsGenerated()
    {
        using var encoder = RawValueEncoder.For(new GeneratorOptions());

        Assert.Same(Event, encoder.Encode(Event));
    }

    [Fact]
    public void Avro_SendsConfluentFramedRawEvents_ThatTheWorkerDecodesToTheSameContract()
    {
        using var encoder = RawValueEncoder.For(new GeneratorOptions { Format = "avro" });

        var avro = encoder.Encode(Event);

        Assert.Equal(0, avro[0]);
        Assert.Equal(InMemorySchemaRegistry.IdOf(AvroSchemas.RawValue.ToString()), BinaryPrimitives.ReadInt32BigEndian(avro.AsSpan(1, 4)));
        // A worker's own in-memory registry (another process) knows the raw schema under the same id.
        var decoded = new RawInputDecoder(AvroTestWorld.RegistryWithSchemas()).Decode(avro, "activity.raw");
        Assert.Null(decoded.Rejection);
        Assert.Equal(
            """{"type":"click","timestamp":1795255210250,"userId":"u-1","eventId":"e-1","url":"https://shop.example.com/cart?x=1","properties":{"button":"buy"}}""",
            Encoding.UTF8.GetString(decoded.Json!));
    }

    [Fact]
    public void Avro_SendsMalformedRecordsAsTheyAre()
    {
        using var encoder = RawValueEncoder.For(new GeneratorOptions { Format = "avro" });
        var malformed = Encoding.UTF8.GetBytes("{\"type\":");

        Assert.Same(malformed, encoder.Encode(malformed));
    }
}
