using System.Net;
using Aggregator.Cli;
using Aggregator.Hosting.Options;
using Aggregator.Serialization;
using Avro.Generic;
using Avro.IO;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Serialization;

public sealed class SchemaEvolutionTests
{
    private const string Subject = "activity.refined-value";

    // v2 of the refined value: one optional field with a default, appended.
    private static readonly string V2 = AvroTestWorld.WithField(
        AvroSchemas.RefinedValue, """{"name":"country","type":["null","string"],"default":null,"doc":"ISO country of the client."}""");

    private static readonly Avro.RecordSchema V1Schema = AvroSchemas.RefinedValue;
    private static readonly Avro.RecordSchema V2Schema = (Avro.RecordSchema)Avro.Schema.Parse(V2);

    [Fact]
    public async Task AddingAnOptionalFieldWithADefault_IsBackwardCompatible()
    {
        var registry = AvroTestWorld.RegistryWithSchemas();

        var id = await registry.RegisterSchemaAsync(Subject, new Schema(V2, SchemaType.Avro));

        Assert.Equal([1, 2], await registry.GetSubjectVersionsAsync(Subject));
        Assert.Equal(id, (await registry.GetLatestSchemaAsync(Subject)).Id);
    }

    [Fact]
    public void OldReader_DecodesNewData()
    {
        var written = RefinedEventAvro.Value(AvroTestWorld.FullEvent());
        var v2 = new GenericRecord(V2Schema);
        foreach (var field in V1Schema.Fields)
        {
            v2.Add(field.Name, written[field.Name]);
        }

        v2.Add("country", "NL");

        var read = Resolve(v2, writer: V2Schema, reader: V1Schema);

        Assert.False(read.TryGetValue("country", out _));
        Assert.Equal(Aggregator.Activity.RefinedEventSerializer.Serialize(AvroTestWorld.FullEvent()), Aggregator.Activity.RefinedEventSerializer.Serialize(RefinedEventAvro.Value(read)));
    }

    [Fact]
    public void NewReader_DecodesOldData_WithTheDefault()
    {
        var read = Resolve(RefinedEventAvro.Value(AvroTestWorld.FullEvent()), writer: V1Schema, reader: V2Schema);

        Assert.True(read.TryGetValue("country", out var country));
        Assert.Null(country);
        Assert.Equal("e-1", read["eventId"]);
    }

    [Fact]
    public async Task TheWorker_ReadsRecordsWrittenWithTheNewerSchema_ThroughTheRegistry()
    {
        var registry = AvroTestWorld.RegistryWithSchemas();
        await registry.RegisterSchemaAsync(Subject, new Schema(V2, SchemaType.Avro));
        var written = new Confluent.SchemaRegistry.Serdes.AvroSerializer<GenericRecord>(registry).AsSyncOverAsync();
        var v2 = Resolve(RefinedEventAvro.Value(AvroTestWorld.FullEvent()), writer: V1Schema, reader: V2Schema);
        v2.Add("country", "NL");

        var bytes = written.Serialize(v2, new SerializationContext(MessageComponentType.Value, "activity.refined"));
        var back = TopicFormats.Avro(registry).RefinedValue.Deserialize(bytes, new SerializationContext(MessageComponentType.Value, "activity.refined"));

        Assert.Equal("e-1", back.EventId);
    }

    [Theory]
    [InlineData("""{"name":"country","type":"string","doc":"required, no default"}""", "country")]
    [InlineData(null, "type changed")]
    public async Task AnIncompatibleChange_IsRefused(string? addedField, string reason)
    {
        var registry = AvroTestWorld.RegistryWithSchemas();
        var incompatible = addedField is null
            ? AvroTestWorld.WithType(AvroSchemas.RefinedValue, "eventId", "long")
            : AvroTestWorld.WithField(AvroSchemas.RefinedValue, addedField);

        var refused = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterSchemaAsync(Subject, new Schema(incompatible, SchemaType.Avro)));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal([1], await registry.GetSubjectVersionsAsync(Subject));
    }

    [Fact]
    public async Task Startup_RefusedSchema_IsOneLineNamingSubjectAndReason()
    {
        // The subject already holds a schema whose eventId is a long: the worker's (a string) cannot read that data.
        var registry = new InMemorySchemaRegistry();
        await registry.RegisterSchemaAsync(Subject, new Schema(
            AvroTestWorld.WithType(V1Schema, "eventId", "long"), SchemaType.Avro));
        await registry.UpdateCompatibilityAsync(Compatibility.Backward, Subject);
        var registration = Registration();

        var failure = await Assert.ThrowsAsync<SchemaRegistryStartupException>(() => registration.RegisterAll(
            registry, SchemaRegistration.Subjects(new TopicsOptions(), includeRaw: false), new SchemaRegistryOptions(), CancellationToken.None));

        Assert.True(StartupFailure.TryDescribe(failure, out var line));
        Assert.StartsWith("schema registry refused subject activity.refined-value: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task Startup_UnreachableRegistry_GivesUpAfterThePatience_WithOneLine()
    {
        var options = new SchemaRegistryOptions { Url = "http://127.0.0.1:9", StartupTimeout = TimeSpan.FromSeconds(2), RequestTimeout = TimeSpan.FromSeconds(1) };
        using var registry = SchemaRegistryClients.Create(options, embeddedBroker: false);
        var started = DateTimeOffset.UtcNow;

        var failure = await Assert.ThrowsAsync<SchemaRegistryStartupException>(() => Registration().RegisterAll(
            registry, SchemaRegistration.Subjects(new TopicsOptions(), includeRaw: false), options, CancellationToken.None));

        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        Assert.StartsWith("schema registry http://127.0.0.1:9 unreachable for 00:00:02 (SchemaRegistry:StartupTimeout): ", failure.Message, StringComparison.Ordinal);
    }

    private static SchemaRegistration Registration() => new(
        Options.Create(new SerializationOptions { Format = SerializationOptions.Avro }),
        Options.Create(new SchemaRegistryOptions()),
        Options.Create(new TopicsOptions()),
        Options.Create(new KafkaOptions()),
        new ServiceCollection().BuildServiceProvider(),
        TimeProvider.System,
        NullLogger<SchemaRegistration>.Instance);

    private static GenericRecord Resolve(GenericRecord record, Avro.Schema writer, Avro.Schema reader)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(writer).Write(record, new BinaryEncoder(stream));
        stream.Position = 0;
        return new GenericDatumReader<GenericRecord>(writer, reader).Read(null!, new BinaryDecoder(stream));
    }
}
