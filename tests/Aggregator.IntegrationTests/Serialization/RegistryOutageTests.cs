using System.Text;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.Serialization;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Aggregator.IntegrationTests.Serialization;

/// <summary>
/// The registry goes away while the worker runs and raw Avro records arrive whose schema it has not fetched yet: the
/// records wait (the stream thread backs off) and are refined once the registry answers again — none dead-lettered,
/// none lost.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class RegistryOutageTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task RegistryUnreachableWhileRunning_RawAvroWaits_ThenIsRefined_NothingDeadLettered()
    {
        await using var registry = await HttpSchemaRegistry.StartAsync();
        using var world = WorkerWorld.On(kafka, output, "outage", partitions: 2, new Dictionary<string, string?>
        {
            ["Serialization:Format"] = "avro",
            ["SchemaRegistry:Url"] = registry.BaseAddress.ToString().TrimEnd('/'),
            ["SchemaRegistry:RequestTimeout"] = "00:00:02",
        });
        // The collector registered its raw schema long ago; the worker has never fetched it.
        var raw = new Schema(AvroSchemas.RawValue.ToString(), SchemaType.Avro);
        await registry.Registry.RegisterSchemaAsync(world.RawTopic + "-value", raw);
        await using var worker = world.StartWorker();
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        registry.Down = true;
        var now = DateTimeOffset.UtcNow;
        var serializer = new AvroSerializer<GenericRecord>(registry.Registry).AsSyncOverAsync();
        List<(string? Key, byte[] Value)> records = [.. Enumerable.Range(0, 40).Select(i => ((string?)("u-" + i), serializer.Serialize(
            RawEventAvro.FromContractJson(Encoding.UTF8.GetBytes($$"""{"eventId":"outage-{{i}}","type":"click","userId":"u-{{i}}","timestamp":{{now.AddSeconds(-i).ToUnixTimeMilliseconds()}}}"""))!,
            new SerializationContext(MessageComponentType.Value, world.RawTopic))))];
        world.Produce(records);
        Assert.True(await worker.WaitForOutputAsync("Schema registry unreachable while decoding raw schema id", TimeSpan.FromSeconds(30)), worker.StandardOutput);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var early = world.Kafka.ReadAll(world.RefinedTopic, _ => false, TimeSpan.FromSeconds(1));
        if (early.Count > 0)
        {
            world.ShowTail(worker, "worker", 80);
        }

        Assert.Empty(early);
        Assert.True(registry.Refused > 0);

        registry.Down = false;

        var refined = world.Kafka.ReadAll(world.RefinedTopic, r => r.Count >= records.Count, TimeSpan.FromSeconds(90));
        Assert.Equal(records.Count, refined.Count);
        Assert.Empty(world.Kafka.ReadAll(world.DlqTopic, _ => false, TimeSpan.FromSeconds(1)));
        Assert.True(await worker.WaitForOutputAsync("Schema registry reachable again", TimeSpan.FromSeconds(10)));
        Assert.False(worker.HasExited);
        Assert.Empty(registry.Unserved);
    }
}
