using System.Diagnostics;
using System.Text;
using Aggregator.Demo;
using Aggregator.Tests.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Aggregator.Tests.Demo;

[Collection(EmbeddedKafkaCollection.Name)]
public class TrafficProducerTests
{
    private readonly EmbeddedKafkaFixture _kafka;
    private readonly ITestOutputHelper _output;

    public TrafficProducerTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
    {
        _kafka = kafka;
        _output = output;
    }

    private GeneratorOptions Options(string topic) => new()
    {
        BootstrapServers = _kafka.BootstrapServers,
        Topic = topic,
        Seed = 42,
        ProgressInterval = TimeSpan.FromSeconds(1),
    };

    private static TrafficProducer Producer(GeneratorOptions options, ILogger<TrafficProducer>? logger = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, logger ?? new ListLogger<TrafficProducer>());

    [Fact]
    public async Task ProducesTheRequestedCount_AndAConsumerReadsBackTheSameRecords()
    {
        var topic = _kafka.NewTopic("activity.raw");
        var options = Options(topic);
        options.Count = 20_000;
        options.Rate = 200_000;

        var summary = await Producer(options).RunAsync(CancellationToken.None);
        var consumed = _kafka.ConsumeAll(topic, 20_000, TimeSpan.FromSeconds(30));

        Assert.Equal(20_000, summary.Produced);
        Assert.Equal(20_000, summary.Delivered);
        Assert.Equal(0, summary.DeliveryErrors);
        Assert.Equal(0, summary.Undelivered);
        Assert.Equal(20_000, consumed.Count);
        _output.WriteLine($"20k at up to 200k/s: {summary.EventsPerSecond:N0}/s, compression {summary.Compression}");

        // The same seed replayed on a test clock: only timestamps differ, so keys and kinds must match exactly.
        var expected = GeneratorFixture.Run(options, 42, 20_000);
        Assert.Equal(
            expected.Select(r => r.Key is null ? "<null>" : Encoding.UTF8.GetString(r.Key)).Order(StringComparer.Ordinal),
            consumed.Select(r => r.Message.Key is null ? "<null>" : Encoding.UTF8.GetString(r.Message.Key)).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count(r => r.Truth.IsMalformed), summary.Malformed);
        Assert.Equal(expected.Count(r => r.Truth.IsDuplicate), summary.Duplicates);
        Assert.Equal(expected.Count(r => r.Truth.Type == EventTypes.Purchase), summary.ByType[EventTypes.Purchase]);
        Assert.Equal(expected.Count(r => r.Value.Length == 0), consumed.Count(r => r.Message.Value is null || r.Message.Value.Length == 0));

        // Records with a key are partitioned by it: one user's events stay in order on one partition.
        var partitionsPerKey = consumed.Where(r => r.Message.Key is not null)
            .GroupBy(r => Encoding.UTF8.GetString(r.Message.Key!))
            .Select(g => g.Select(r => r.Partition.Value).Distinct().Count());
        Assert.All(partitionsPerKey, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task NeverExceedsTheAskedRate_AndDeliversEverything()
    {
        // How close a paced run gets to the asked rate depends on the machine and its load, so that is measured by
        // the benchmarks, not asserted here (PacesToTheRate_ForTheDuration checks a rate every machine reaches).
        // What must hold anywhere: every record delivered, and never faster than asked.
        var pacedOptions = Options(_kafka.NewTopic("paced-fast"));
        pacedOptions.Count = 200_000;
        pacedOptions.Rate = 150_000;
        var paced = await Producer(pacedOptions).RunAsync(CancellationToken.None);

        _output.WriteLine($"asked 150k/s: {paced.EventsPerSecond:N0}/s over {paced.Elapsed}; compression {paced.Compression}");
        Assert.Equal(200_000, paced.Delivered);
        Assert.True(paced.EventsPerSecond <= 150_000 * 1.05, $"{paced.EventsPerSecond:N0} events/s is above the asked rate");
    }

    [Fact]
    public async Task PacesToTheRate_ForTheDuration()
    {
        var options = Options(_kafka.NewTopic("paced"));
        options.Rate = 4000;
        options.Duration = TimeSpan.FromSeconds(1.5);

        var summary = await Producer(options).RunAsync(CancellationToken.None);

        // Never above the rate (plus one 50 ms bucket); below it by a cold start's JIT time on a busy machine.
        Assert.InRange(summary.Produced, 4000 * 1.5 * 0.35, (4000 * 1.5) + 200);
        Assert.InRange(summary.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4));
        Assert.Equal(summary.Produced, summary.Delivered);
    }

    [Fact]
    public async Task StopsPromptlyOnCancellation_AndStillFlushes()
    {
        var options = Options(_kafka.NewTopic("cancelled"));
        options.Rate = 5000;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var stopwatch = Stopwatch.StartNew();

        var summary = await Producer(options).RunAsync(cts.Token);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed} to stop");
        Assert.True(summary.Produced > 0);
        Assert.Equal(summary.Produced, summary.Delivered);
        Assert.Equal(0, summary.Undelivered);
    }

    [Fact]
    public async Task LogsAProgressLine_AndAFinalSummary()
    {
        var options = Options(_kafka.NewTopic("logged"));
        options.Rate = 2000;
        options.Duration = TimeSpan.FromSeconds(1.2);
        options.ProgressInterval = TimeSpan.FromMilliseconds(300);
        options.Speed = 10;
        options.AnomalyAt = TimeSpan.FromMinutes(1);
        var logger = new ListLogger<TrafficProducer>();

        await Producer(options, logger).RunAsync(CancellationToken.None);

        var lines = logger.Entries.Select(e => e.Message).ToList();
        foreach (var line in lines)
        {
            _output.WriteLine(line);
        }

        Assert.Contains(lines, l => l.StartsWith("Generating to logged.", StringComparison.Ordinal) && l.Contains("seed 42", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Anomaly scheduled: /checkout errors x50", StringComparison.Ordinal));
        var progress = lines.Where(l => l.StartsWith("generated ", StringComparison.Ordinal)).ToList();
        Assert.InRange(progress.Count, 2, 5);
        Assert.All(progress, l => Assert.Matches(@"^generated \d+ events \(\d+/s\), 0 delivery errors, event time \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$", l));
        Assert.Contains(lines, l => l.StartsWith("Generator finished: ", StringComparison.Ordinal) && l.Contains("page_view=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CountsDeliveryErrors_WhenTheBrokerIsDown()
    {
        // A cluster of its own: taking the shared broker down would disturb the other tests' producers.
        using var cluster = Aggregator.Kafka.EmbeddedKafkaCluster.Start(1);
        cluster.CreateTopic("down", 1);
        cluster.SetBrokerDown(1);
        var options = Options("down");
        options.BootstrapServers = cluster.BootstrapServers;
        options.Count = 500;
        options.Rate = 0;
        options.DeliveryTimeout = TimeSpan.FromSeconds(1);
        var logger = new ListLogger<TrafficProducer>();

        var summary = await Producer(options, logger).RunAsync(CancellationToken.None);

        Assert.Equal(500, summary.Produced);
        Assert.Equal(0, summary.Delivered);
        Assert.Equal(500, summary.DeliveryErrors);
        Assert.Equal(0, summary.Undelivered);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Delivery failed: Local_MsgTimedOut", StringComparison.Ordinal));
    }
}
