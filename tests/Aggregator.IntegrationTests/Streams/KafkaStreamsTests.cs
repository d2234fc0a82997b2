using System.Text;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.Streams;
using Aggregator.Streams.Kafka.Admin;
using Aggregator.Streams.Runtime;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aggregator.IntegrationTests.Streams;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class KafkaStreamsTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("agg-state-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task HoppingCount_OnTheEmbeddedBroker_EqualsTheReferenceCounts()
    {
        var input = kafka.CreateTopic("in", 4);
        var outputTopic = kafka.CreateTopic("out", 4);
        var appId = EmbeddedKafkaFixture.UniqueName("app");
        var records = Generate(5_000, keys: 40, minutes: 20, seed: 1);
        await ProduceAsync(input, records);

        await using (var streams = Start(appId, input, outputTopic, "a"))
        {
            var reference = HoppingCountTopology.Reference(records);
            var results = kafka.ReadAll(outputTopic, r => Matches(HoppingCountTopology.Latest(r), reference), TimeSpan.FromSeconds(60));
            var latest = HoppingCountTopology.Latest(results);
            Assert.Equal(reference.Count, latest.Count);
            Assert.Equal(reference.OrderBy(e => e.Key), latest.OrderBy(e => e.Key));
            Assert.Equal(StreamsState.Running, streams.State);
        }
    }

    private KafkaStreams Start(string appId, string input, string outputTopic, string instance)
    {
        var config = new StreamsConfig
        {
            ApplicationId = appId,
            BootstrapServers = kafka.BootstrapServers,
            InstanceId = instance,
            StateDirectory = _stateDir,
            CommitInterval = TimeSpan.FromMilliseconds(200),
            SessionTimeout = TimeSpan.FromSeconds(6),
            HeartbeatInterval = TimeSpan.FromSeconds(1),
        };
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new XunitLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var admin = new EmbeddedTopicAdmin(kafka.Cluster, new KafkaTopicAdmin(new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build(), -1));
        var streams = new KafkaStreams(HoppingCountTopology.Build(input, outputTopic), config, loggerFactory, topicAdmin: admin);
        streams.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return streams;
    }

    private async Task ProduceAsync(string topic, IReadOnlyList<(string Value, long Timestamp)> records)
    {
        using var producer = kafka.CreateProducer();
        var i = 0;
        foreach (var (value, timestamp) in records)
        {
            producer.Produce(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes($"k{i++ % 97}"), Value = Encoding.UTF8.GetBytes(value), Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) });
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(30)));
    }

    private static List<(string Value, long Timestamp)> Generate(int count, int keys, int minutes, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        // Increasing timestamps with small jitter: out of order by seconds, never beyond the grace period.
        return Enumerable.Range(0, count)
            .Select(i => ($"v{random.Next(keys)}", start + ((long)i * minutes * 60_000 / count) + random.Next(-5_000, 5_000)))
            .ToList();
    }

    private static bool Matches(Dictionary<string, long> latest, Dictionary<string, long> reference) =>
        latest.Count == reference.Count && reference.All(e => latest.TryGetValue(e.Key, out var v) && v == e.Value);
}
