using System.Collections.Concurrent;
using Aggregator.Alarms;
using Aggregator.Hosting.Options;
using Aggregator.Hosting.Streams;
using Aggregator.Topology;
using Aggregator.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Health;

/// <summary>
/// Burrow-style lag of the whole consumer group: for every source partition (external and repartition topics), log
/// end offset minus the group's committed offset, sampled every 10 seconds from outside the stream threads. This sees
/// partitions no live instance owns (a crashed member's), which per-instance lag cannot. Feeds the trust footer and
/// the lag-growing alarm.
/// </summary>
internal sealed class GroupLagMonitor(
    StreamsInstance streams,
    StreamsMetrics metrics,
    IOptions<KafkaOptions> kafka,
    IOptions<StreamsOptions> streamsOptions,
    TimeProvider time,
    ILogger<GroupLagMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan History = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LagSample>> _samples = new(StringComparer.Ordinal);

    public long? MaxLag { get; private set; }

    /// <summary>The partition lagging most at the last sample, if any lags.</summary>
    public (string Partition, long Lag)? WorstLag { get; private set; }

    public IReadOnlyList<PartitionLagSeries> LagHistory =>
        _samples.Select(s => new PartitionLagSeries(s.Key, s.Value.ToArray())).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BundledLibrdkafka.EnsureLoaded();
        var settings = kafka.Value.ClientSettings(streamsOptions.Value.ApplicationId + "-lag-monitor");
        settings["group.id"] = streamsOptions.Value.ApplicationId;
        settings["enable.auto.commit"] = "false";
        // Never subscribes: it only reads the group's committed offsets, so it does not join (or disturb) the group.
        using var consumer = new ConsumerBuilder<byte[], byte[]>(settings).SetLogHandler((_, _) => { }).Build();
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var partitions = streams.SourcePartitions;
            if (partitions is null || partitions.Count == 0)
            {
                continue;
            }

            try
            {
                await Task.Run(() => Sample(consumer, partitions), stoppingToken);
            }
            catch (Exception ex) when (KafkaFailure(ex) is { } reason)
            {
                Log.LagSampleFailed(logger, reason);
            }
        }
    }

    /// <summary>
    /// The broker's reason when a sample failed on Kafka's side, else null. The watermarks are queried in parallel
    /// (PLINQ), which wraps a partition's <see cref="KafkaException"/> in an <see cref="AggregateException"/>: with one
    /// broker down, that escaped the catch, faulted this service and stopped the whole worker (exit 0, nothing logged).
    /// </summary>
    internal static string? KafkaFailure(Exception ex) => ex switch
    {
        KafkaException kafka => kafka.Error.Reason,
        AggregateException aggregate when aggregate.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(e => e is KafkaException) =>
            ((KafkaException)inner[0]).Error.Reason,
        _ => null,
    };

    private void Sample(IConsumer<byte[], byte[]> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        var committed = consumer.Committed(partitions, Period).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var watermarks = partitions.AsParallel().Select(tp => (tp, Offsets: consumer.QueryWatermarkOffsets(tp, Period))).ToList();
        long max = 0;
        (string, long)? worst = null;
        foreach (var (tp, offsets) in watermarks)
        {
            var position = committed.TryGetValue(tp, out var offset) && !offset.IsSpecial ? offset.Value : offsets.Low.Value;
            var lag = Math.Max(0, offsets.High.Value - position);
            max = Math.Max(max, lag);
            metrics.SetLag(tp.Topic, tp.Partition.Value, lag);
            var name = $"{tp.Topic}-{tp.Partition.Value}";
            if (lag > 0 && (worst is null || lag > worst.Value.Item2))
            {
                worst = (name, lag);
            }

            var series = _samples.GetOrAdd(name, _ => new ConcurrentQueue<LagSample>());
            series.Enqueue(new LagSample(now, lag));
            while (series.TryPeek(out var oldest) && now - oldest.AtMs > History.TotalMilliseconds)
            {
                series.TryDequeue(out _);
            }
        }

        MaxLag = max;
        WorstLag = worst;
    }
}
