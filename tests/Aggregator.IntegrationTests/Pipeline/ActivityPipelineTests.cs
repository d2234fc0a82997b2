using System.Text;
using System.Text.Json;
using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.Privacy;
using Aggregator.Streams;
using Aggregator.Streams.Kafka.Admin;
using Aggregator.Streams.Runtime;
using Aggregator.Topology;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aggregator.IntegrationTests.Pipeline;

/// <summary>
/// The activity topology end to end on the embedded broker: two instances, six partitions. Every (key, window) in
/// activity.counts equals an independent reference computation over the same input, and activity.refined holds
/// exactly the expected records.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class ActivityPipelineTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("agg-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task TwoInstances_SixPartitions_CountsAndRefinedMatchTheReference()
    {
        var topics = new TopicsOptions
        {
            Raw = kafka.CreateTopic("raw", 6),
            Refined = kafka.CreateTopic("refined", 6),
            Dlq = kafka.CreateTopic("dlq", 6),
            Counts = kafka.CreateTopic("counts", 6),
            OptOuts = kafka.CreateTopic("optouts", 6),
        };
        var start = DateTimeOffset.UtcNow.AddMinutes(-40);
        var input = ActivityInput.Generate(events: 6_000, users: 300, minutes: 25, seed: 11, start);

        using (var producer = kafka.CreateProducer())
        {
            foreach (var user in input.OptedOutUsers)
            {
                producer.Produce(topics.OptOuts, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(user), Value = OptOutSerde.Instance.Serialize(true) });
            }

            foreach (var (key, value) in input.Records)
            {
                producer.Produce(topics.Raw, new Message<byte[], byte[]> { Key = key is null ? null! : Encoding.UTF8.GetBytes(key), Value = value });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var appId = EmbeddedKafkaFixture.UniqueName("activity");
        await using var first = await StartAsync(appId, topics, "one");
        await using var second = await StartAsync(appId, topics, "two");

        var counts = Latest(kafka.ReadAll(topics.Counts, r => Matches(Latest(r), input.ExpectedCounts), TimeSpan.FromSeconds(120)));
        Assert.Equal(input.ExpectedCounts.Count, counts.Count);
        Assert.Equal(input.ExpectedCounts.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));

        var refined = kafka.ReadAll(topics.Refined, r => r.Count >= input.ExpectedRefined.Count, TimeSpan.FromSeconds(30));
        var refinedIds = refined.Select(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("eventId").GetString()!).ToList();
        Assert.Equal(input.ExpectedRefined.Count, refinedIds.Count);
        Assert.Equal(input.ExpectedRefined.Keys.Order(), refinedIds.Order());
        Assert.All(refined, r => Assert.Equal(input.ExpectedRefined[JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("eventId").GetString()!], Encoding.UTF8.GetString(r.Message.Key)));

        var dlq = kafka.ReadAll(topics.Dlq, r => r.Count >= input.ExpectedDeadLetters, TimeSpan.FromSeconds(30));
        Assert.Equal(input.ExpectedDeadLetters, dlq.Count);
        Assert.True(first.Status.Tasks.Count > 0 && second.Status.Tasks.Count > 0, "both instances should share the work");
    }

    private async Task<KafkaStreams> StartAsync(string appId, TopicsOptions topics, string instance)
    {
        var settings = new ActivityTopologySettings(topics, new WindowsOptions(), new DedupOptions());
        var metrics = new ActivityMetrics();
        var topology = ActivityTopology.Build(settings, ActivityRefiner.Create(), CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), metrics, Aggregator.Topology.Reporting.ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions()));
        var config = new StreamsConfig
        {
            ApplicationId = appId,
            BootstrapServers = kafka.BootstrapServers,
            InstanceId = instance,
            StateDirectory = _stateDir,
            CommitInterval = TimeSpan.FromMilliseconds(300),
            SessionTimeout = TimeSpan.FromSeconds(6),
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            InputIdleTimeout = TimeSpan.FromSeconds(3),
            DeadLetterTopic = topics.Dlq,
        };
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new XunitLoggerProvider(output)));
        var admin = kafka.CreateTopicAdmin();
        var streams = new KafkaStreams(topology, config, loggerFactory, topicAdmin: admin);
        await streams.StartAsync(CancellationToken.None);
        return streams;
    }

    private static Dictionary<string, long> Latest(IEnumerable<ConsumeResult<byte[], byte[]>> records)
    {
        var latest = new Dictionary<string, long>();
        foreach (var record in records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            using var value = JsonDocument.Parse(record.Message.Value);
            var start = DateTimeOffset.Parse(value.RootElement.GetProperty("windowStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            latest[$"{value.RootElement.GetProperty("key").GetString()}@{start.ToUnixTimeMilliseconds()}"] = value.RootElement.GetProperty("count").GetInt64();
        }

        return latest;
    }

    private static bool Matches(Dictionary<string, long> latest, Dictionary<string, long> expected) =>
        latest.Count == expected.Count && expected.All(e => latest.TryGetValue(e.Key, out var v) && v == e.Value);
}
