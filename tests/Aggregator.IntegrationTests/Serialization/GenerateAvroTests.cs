using System.Globalization;
using System.Text;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Serialization;

/// <summary>
/// `aggregator generate --format avro` (a separate process with its own in-memory registry) feeding a worker with the
/// Avro format: the worker resolves the generator's schema id and refines the events; only the generator's deliberate
/// malformed share reaches the DLQ (never with reason schema).
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class GenerateAvroTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedAvroRawEvents_AreRefinedByAnAvroWorker()
    {
        using var world = WorkerWorld.On(kafka, output, "genavro", partitions: 2, new Dictionary<string, string?>
        {
            ["Serialization:Format"] = "avro",
            ["SchemaRegistry:InMemory"] = "true",
        });
        await using var worker = world.StartWorker();
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        var (exit, _, error) = await AppProcess.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "aggregator.dll"), "generate", "--bootstrap-servers", kafka.BootstrapServers, "--topic", world.RawTopic,
             "--format", "avro", "--count", "1000", "--rate", "0", "--seed", "7", "--malformed-ratio", "0.02", "--duplicate-ratio", "0"],
            TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, error);

        var raw = world.Kafka.ReadAll(world.RawTopic, records => records.Count >= 1000, TimeSpan.FromSeconds(30));
        var avro = raw.Count(r => r.Message.Value is [0, ..]);
        var refined = world.Kafka.ReadAll(world.RefinedTopic, records => records.Count >= avro * 9 / 10, TimeSpan.FromSeconds(60));
        var dead = world.Kafka.ReadAll(world.DlqTopic, records => records.Count >= raw.Count - avro, TimeSpan.FromSeconds(10));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{raw.Count} raw records, {avro} Avro; {refined.Count} refined, {dead.Count} dead letters"));

        Assert.InRange(avro, 950, 1000);
        Assert.All(refined, r => Assert.Equal(0, r.Message.Value[0]));
        // Opted-out demo users and the deliberate malformed share aside, every Avro event is refined; every dead letter
        // is a contract violation the generator made on purpose (some of them in Avro), none a schema problem.
        Assert.InRange(refined.Count, avro * 9 / 10, avro);
        Assert.InRange(dead.Count, 1, 60);
        Assert.All(dead, d => Assert.NotEqual("schema", Encoding.UTF8.GetString(d.Message.Headers.GetLastBytes("dlq.reason"))));
    }
}
