using System.Text.Json.Nodes;
using Aggregator.Activity;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;
using Aggregator.Serialization;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Aggregator.IntegrationTests.Serialization;

/// <summary>
/// Issue 12's acceptance on the embedded broker: two `aggregator` processes with <c>Serialization:Format=avro</c> and
/// the in-memory registry, raw input alternating JSON and Confluent-framed Avro; then two with the JSON format on the
/// same input, all JSON. activity.refined and activity.counts of the Avro run decode with the registered schemas and
/// equal the JSON run's record for record (refined events field for field, ingestTime aside), and both equal the
/// independent reference of Pipeline/TwoInstancesTests.
/// </summary>
/// <remarks>
/// Each process has its own in-memory registry; they agree because its ids are content-addressed: the workers, and
/// this test's encoder and decoder, register the same .avsc files and so get the same ids (see InMemorySchemaRegistry).
/// </remarks>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class AvroTwoInstancesTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoInstances_MixedJsonAndAvroRaw_AvroOutputsEqualTheJsonRun_RecordForRecord()
    {
        var input = ActivityInput.Generate(events: 4_000, users: 300, minutes: 20, seed: 12, DateTimeOffset.UtcNow.AddMinutes(-40));
        var registry = Registry();
        var mixed = Mixed(input.Records, registry, out var avroRecords);

        var avro = await RunAsync("avro", mixed, input, TopicFormats.Avro(registry), new Dictionary<string, string?>
        {
            ["Serialization:Format"] = "avro",
            ["SchemaRegistry:InMemory"] = "true",
        });
        var json = await RunAsync("json", input.Records, input, TopicFormats.Json, extra: null);

        // Both equal the independent reference, and each other record for record (ingestTime aside: the wall clock).
        Assert.Equal(json.Counts.OrderBy(c => c.Key, StringComparer.Ordinal), avro.Counts.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(json.Refined.Keys.Order(StringComparer.Ordinal), avro.Refined.Keys.Order(StringComparer.Ordinal));
        Assert.All(json.Refined, pair => Assert.Equal(pair.Value, avro.Refined[pair.Key]));
        Assert.Equal(json.DeadLetters, avro.DeadLetters);
        output.WriteLine($"{mixed.Count:N0} raw records ({avroRecords:N0} of them Avro): {avro.Counts.Count:N0} (key, window) counts and {avro.Refined.Count:N0} refined events equal the JSON run's");
    }

    private async Task<Results> RunAsync(string prefix, List<(string? Key, byte[] Value)> raw, ActivityInput input, TopicFormats formats, IReadOnlyDictionary<string, string?>? extra)
    {
        using var world = WorkerWorld.On(kafka, output, prefix, partitions: 4, extra);
        world.ProduceOptOuts(input.OptedOutUsers);
        await using var one = world.StartWorker("one");
        await using var two = world.StartWorker("two");
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), "one");
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), "two");
        world.Produce(raw);

        var counts = Counts(formats, world.Kafka.ReadAll(world.CountsTopic, records => CountsReader.Matches(Counts(formats, records), input.ExpectedCounts), TimeSpan.FromSeconds(120)));
        if (!CountsReader.Matches(counts, input.ExpectedCounts))
        {
            world.ShowTail(one, prefix + " instance one");
            world.ShowTail(two, prefix + " instance two");
        }

        Assert.True(CountsReader.Matches(counts, input.ExpectedCounts), prefix + ": " + CountsReader.Difference(counts, input.ExpectedCounts));
        var refined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in world.Kafka.ReadAll(world.RefinedTopic, records => records.Count >= input.ExpectedRefined.Count, TimeSpan.FromSeconds(30)))
        {
            var key = formats.RefinedKey.Deserialize(record.Message.Key, new SerializationContext(MessageComponentType.Key, world.RefinedTopic));
            var value = formats.RefinedValue.Deserialize(record.Message.Value, new SerializationContext(MessageComponentType.Value, world.RefinedTopic));
            Assert.Equal(input.ExpectedRefined[value.EventId], key);
            Assert.True(refined.TryAdd(value.EventId, WithoutIngestTime(value)), $"{prefix}: {value.EventId} refined twice");
        }

        Assert.Equal(input.ExpectedRefined.Keys.Order(StringComparer.Ordinal), refined.Keys.Order(StringComparer.Ordinal));
        var deadLetters = world.DeadLetters(input.ExpectedDeadLetters, TimeSpan.FromSeconds(30)).Count;
        Assert.Equal(input.ExpectedDeadLetters, deadLetters);
        var processed = (await world.ProcessedAsync("one") ?? 0, await world.ProcessedAsync("two") ?? 0);
        Assert.True(processed.Item1 > 0 && processed.Item2 > 0, prefix + ": both instances should share the work");
        return new Results(counts, refined, deadLetters);
    }

    private sealed record Results(Dictionary<string, long> Counts, Dictionary<string, string> Refined, int DeadLetters);

    // The refined contract's JSON of an event, whatever format it was read from, without the wall-clock ingestTime.
    private static string WithoutIngestTime(RefinedEvent refined)
    {
        var json = JsonNode.Parse(RefinedEventSerializer.Serialize(refined))!.AsObject();
        json.Remove("ingestTime");
        return json.ToJsonString();
    }

    private static InMemorySchemaRegistry Registry()
    {
        var registry = new InMemorySchemaRegistry();
        foreach (var (subject, schema) in SchemaRegistration.Subjects(new Hosting.Options.TopicsOptions(), includeRaw: true))
        {
            registry.RegisterSchemaAsync(subject, new Schema(schema, SchemaType.Avro)).GetAwaiter().GetResult();
        }

        return registry;
    }

    // Every other record as Confluent-framed Avro (what cannot be Avro — broken JSON — stays as it is).
    private static List<(string? Key, byte[] Value)> Mixed(List<(string? Key, byte[] Value)> records, ISchemaRegistryClient registry, out int avro)
    {
        var serializer = new AvroSerializer<GenericRecord>(registry).AsSyncOverAsync();
        var mixed = new List<(string? Key, byte[] Value)>(records.Count);
        avro = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var (key, value) = records[i];
            if (i % 2 == 1 && RawEventAvro.FromContractJson(value) is { } record)
            {
                value = serializer.Serialize(record, new SerializationContext(MessageComponentType.Value, "activity.raw"));
                avro++;
            }

            mixed.Add((key, value));
        }

        return mixed;
    }

    // "key@windowStartMs" → the latest count, as CountsReader does for JSON.
    private static Dictionary<string, long> Counts(TopicFormats formats, IEnumerable<ConsumeResult<byte[], byte[]>> records)
    {
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            var count = formats.CountsValue.Deserialize(record.Message.Value, new SerializationContext(MessageComponentType.Value, record.Topic));
            latest[$"{count.Window.Key}@{count.Window.Window.StartMs}"] = count.Count;
        }

        return latest;
    }
}
