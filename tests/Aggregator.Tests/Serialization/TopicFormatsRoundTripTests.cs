using System.Buffers.Binary;
using Aggregator.Activity;
using Aggregator.Serialization;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;

namespace Aggregator.Tests.Serialization;

public sealed class TopicFormatsRoundTripTests
{
    private static readonly Windowed<string> Window = new("page_view|/products/42", new TimeWindow(1_800_000_000_000, 1_800_000_300_000));

    public static TheoryData<string> Formats => [SerializationOptions.Json, SerializationOptions.Avro];

    private static TopicFormats For(string format) =>
        format == SerializationOptions.Avro ? TopicFormats.Avro(AvroTestWorld.RegistryWithSchemas()) : TopicFormats.Json;

    private static SerializationContext Key(string topic) => new(MessageComponentType.Key, topic);

    private static SerializationContext Value(string topic) => new(MessageComponentType.Value, topic);

    [Theory]
    [MemberData(nameof(Formats))]
    public void RefinedKey_RoundTrips(string format)
    {
        var serdes = For(format).RefinedKey;

        var bytes = serdes.Serialize("u-1", Key("activity.refined"));

        Assert.Equal("u-1", serdes.Deserialize(bytes, Key("activity.refined")));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void RefinedValue_RoundTrips_EveryField(string format)
    {
        var serdes = For(format).RefinedValue;
        foreach (var refined in new[] { AvroTestWorld.FullEvent(), AvroTestWorld.MinimalEvent() })
        {
            var back = serdes.Deserialize(serdes.Serialize(refined, Value("activity.refined")), Value("activity.refined"));

            // The JSON contract writes every field: equal JSON means equal events, extra fields and properties byte for byte.
            Assert.Equal(RefinedEventSerializer.Serialize(refined), RefinedEventSerializer.Serialize(back));
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void CountsKeyAndValue_RoundTrip(string format)
    {
        var formats = For(format);

        var key = formats.CountsKey.Deserialize(formats.CountsKey.Serialize(Window, Key("activity.counts")), Key("activity.counts"));
        var value = formats.CountsValue.Deserialize(formats.CountsValue.Serialize(new WindowedCount(Window, 42), Value("activity.counts")), Value("activity.counts"));

        Assert.Equal((Window.Key, Window.Window.StartMs, Window.Window.EndMs), (key.Key, key.Window.StartMs, key.Window.EndMs));
        Assert.Equal((Window.Key, Window.Window.StartMs, Window.Window.EndMs, 42L), (value.Window.Key, value.Window.Window.StartMs, value.Window.Window.EndMs, value.Count));
    }

    [Fact]
    public void Json_KeepsTodaysContract()
    {
        var formats = TopicFormats.Json;

        Assert.Equal("u-1"u8.ToArray(), formats.RefinedKey.Serialize("u-1", Key("activity.refined")));
        Assert.Equal(
            """{"key":"page_view|/products/42","windowStart":"2027-01-15T08:00:00.000Z","windowEnd":"2027-01-15T08:05:00.000Z","count":42}"""u8.ToArray(),
            formats.CountsValue.Serialize(new WindowedCount(Window, 42), Value("activity.counts")));
    }

    [Theory]
    [InlineData("activity.refined", MessageComponentType.Key, "refined-key")]
    [InlineData("activity.refined", MessageComponentType.Value, "refined-value")]
    [InlineData("activity.counts", MessageComponentType.Key, "counts-key")]
    [InlineData("activity.counts", MessageComponentType.Value, "counts-value")]
    public async Task Avro_WritesConfluentWireFormat_WithTheTopicSubjectsSchemaId(string topic, MessageComponentType component, string schemaFile)
    {
        var registry = AvroTestWorld.RegistryWithSchemas();
        var formats = TopicFormats.Avro(registry);
        var context = new SerializationContext(component, topic);
        var bytes = (topic, component) switch
        {
            ("activity.refined", MessageComponentType.Key) => formats.RefinedKey.Serialize("u-1", context),
            ("activity.refined", _) => formats.RefinedValue.Serialize(AvroTestWorld.FullEvent(), context),
            (_, MessageComponentType.Key) => formats.CountsKey.Serialize(Window, context),
            _ => formats.CountsValue.Serialize(new WindowedCount(Window, 42), context),
        };

        var subject = topic + (component == MessageComponentType.Key ? "-key" : "-value");
        var registered = await registry.GetLatestSchemaAsync(subject);
        Assert.Equal(0, bytes[0]);
        Assert.Equal(registered.Id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
        Assert.Equal(Avro.Schema.Parse(AvroSchemas.Text(schemaFile)).Fullname, Avro.Schema.Parse(registered.SchemaString).Fullname);
    }

    [Fact]
    public void Avro_RefusesToWrite_WhenTheSchemaWasNotRegistered()
    {
        var formats = TopicFormats.Avro(new InMemorySchemaRegistry());

        Assert.ThrowsAny<Exception>(() => formats.RefinedValue.Serialize(AvroTestWorld.FullEvent(), Value("activity.refined")));
    }

    [Fact]
    public async Task InMemoryRegistry_GivesEqualSchemasEqualIdsAcrossInstances()
    {
        var one = AvroTestWorld.RegistryWithSchemas();
        var other = AvroTestWorld.RegistryWithSchemas();

        Assert.Equal((await one.GetLatestSchemaAsync("activity.refined-value")).Id, (await other.GetLatestSchemaAsync("activity.refined-value")).Id);
        var unknown = await Assert.ThrowsAsync<SchemaRegistryException>(() => other.GetSchemaAsync(12345));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.Status);
    }
}
