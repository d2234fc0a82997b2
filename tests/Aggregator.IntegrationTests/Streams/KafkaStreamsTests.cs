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

    [Theory]
    [InlineData("process", 2_500)]
    [InlineData("commit:prepared", 3)]
    [InlineData("commit:batch-acknowledged", 3)]
    [InlineData("commit:markers-sent", 3)]
    [InlineData("commit:markers-acknowledged", 3)]
    [InlineData("commit:done", 3)]
    public async Task Crash_AtAnyPoint_ThenRestart_CountsEachRecordExactlyOnce(string phase, int occurrence)
    {
        var input = kafka.CreateTopic("in", 4);
        var outputTopic = kafka.CreateTopic("out", 4);
        var appId = EmbeddedKafkaFixture.UniqueName("app");
        var records = Generate(6_000, keys: 30, minutes: 15, seed: 2);
        await ProduceAsync(input, records);

        var seen = 0;
        var crashed = Start(appId, input, outputTopic, "a", fault: point =>
        {
            if (point == phase && Interlocked.Increment(ref seen) == occurrence)
            {
                throw new InvalidOperationException($"simulated crash at {point}");
            }
        });
        await Assert.ThrowsAnyAsync<Exception>(() => crashed.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(StreamsState.Error, crashed.State);
        await crashed.DisposeAsync();

        await using var restarted = Start(appId, input, outputTopic, "a");
        var reference = HoppingCountTopology.Reference(records);
        var latest = HoppingCountTopology.Latest(kafka.ReadAll(outputTopic, r => Matches(HoppingCountTopology.Latest(r), reference), TimeSpan.FromSeconds(60)));
        Report(restarted);
        Assert.Equal(reference.OrderBy(e => e.Key), latest.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Failover_TheSurvivorTakesOverAndRestores_CountsEqualASingleInstance()
    {
        var input = kafka.CreateTopic("in", 4);
        var outputTopic = kafka.CreateTopic("out", 4);
        var appId = EmbeddedKafkaFixture.UniqueName("app");
        var records = Generate(8_000, keys: 30, minutes: 20, seed: 3);
        var firstHalf = records.Take(4_000).ToList();
        await ProduceAsync(input, firstHalf);

        var a = Start(appId, input, outputTopic, "a");
        var b = Start(appId, input, outputTopic, "b");
        var halfReference = HoppingCountTopology.Reference(firstHalf);
        var halfLatest = HoppingCountTopology.Latest(kafka.ReadAll(outputTopic, r => Matches(HoppingCountTopology.Latest(r), halfReference), TimeSpan.FromSeconds(60)));
        Assert.Equal(halfReference.OrderBy(e => e.Key), halfLatest.OrderBy(e => e.Key));
        await WaitFor(() => a.Status.Tasks.Count > 0 && b.Status.Tasks.Count > 0, TimeSpan.FromSeconds(10));

        // Stop an instance that owns counting tasks, so the survivor must restore their state.
        var (victim, survivor) = a.Status.Tasks.Any(t => t.TaskId.StartsWith("1_", StringComparison.Ordinal)) ? (a, b) : (b, a);
        Assert.Contains(victim.Status.Tasks, t => t.TaskId.StartsWith("1_", StringComparison.Ordinal));
        await victim.DisposeAsync();
        await ProduceAsync(input, records.Skip(4_000).ToList());

        var reference = HoppingCountTopology.Reference(records);
        var latest = HoppingCountTopology.Latest(kafka.ReadAll(outputTopic, r => Matches(HoppingCountTopology.Latest(r), reference), TimeSpan.FromSeconds(90)));
        Assert.Equal(reference.OrderBy(e => e.Key), latest.OrderBy(e => e.Key));
        Assert.True(survivor.RestoredRecords > 0, "the survivor should have restored the failed instance's stores from their changelogs");
        await WaitFor(() => survivor.Status.Tasks.Count == 8, TimeSpan.FromSeconds(5));
        await survivor.DisposeAsync();
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task LostLocalState_IsRebuiltFromTheChangelog_CountsUnchanged()
    {
        var input = kafka.CreateTopic("in", 4);
        var outputTopic = kafka.CreateTopic("out", 4);
        var appId = EmbeddedKafkaFixture.UniqueName("app");
        var records = Generate(6_000, keys: 25, minutes: 15, seed: 4);
        await ProduceAsync(input, records.Take(3_000).ToList());

        await using (var first = Start(appId, input, outputTopic, "a"))
        {
            var half = HoppingCountTopology.Reference(records.Take(3_000));
            kafka.ReadAll(outputTopic, r => Matches(HoppingCountTopology.Latest(r), half), TimeSpan.FromSeconds(60));
        }

        Directory.Delete(_stateDir, recursive: true);
        Directory.CreateDirectory(_stateDir);
        await ProduceAsync(input, records.Skip(3_000).ToList());

        await using var second = Start(appId, input, outputTopic, "a");
        var reference = HoppingCountTopology.Reference(records);
        var latest = HoppingCountTopology.Latest(kafka.ReadAll(outputTopic, r => Matches(HoppingCountTopology.Latest(r), reference), TimeSpan.FromSeconds(60)));
        Report(second);
        Assert.Equal(reference.OrderBy(e => e.Key), latest.OrderBy(e => e.Key));
        Assert.True(second.RestoredRecords > 0);
    }

    private void Report(KafkaStreams streams)
    {
        foreach (var task in streams.Status.Tasks.OrderBy(t => t.TaskId, StringComparer.Ordinal))
        {
            output.WriteLine($"task {task.TaskId}: processed {task.Processed}, late {task.LateRecordsDropped}/{task.LateWindowUpdatesDropped}, skipped {task.Skipped}, replays {task.ReplaysSkipped}, stream time {task.StreamTime}");
        }
    }

    private KafkaStreams Start(string appId, string input, string outputTopic, string instance, Action<string>? fault = null)
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
            InputIdleTimeout = TimeSpan.FromSeconds(2),
        };
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new XunitLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var admin = kafka.CreateTopicAdmin();
        var streams = new KafkaStreams(HoppingCountTopology.Build(input, outputTopic), config, loggerFactory, topicAdmin: admin) { FaultInjector = fault };
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
