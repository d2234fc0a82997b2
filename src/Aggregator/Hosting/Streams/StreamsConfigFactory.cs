using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net;

namespace Aggregator.Hosting.Streams;

/// <summary>Maps the application's options onto Streamiz's <see cref="StreamConfig"/>.</summary>
internal static class StreamsConfigFactory
{
    // Streamiz budgets its record caches in bytes; the option counts entries (a count key, a window and a long).
    private const long BytesPerCacheEntry = 256;

    // Every client kind Streamiz creates: Kafka:Client settings apply to all of them.
    private static readonly string[] ClientPrefixes = ["main.consumer.", "restore.consumer.", "global.consumer.", "producer."];

    public static StreamConfig Create(
        KafkaOptions kafka, StreamsOptions streams, bool exactlyOnce, ILoggerFactory loggerFactory, StreamizMetricsBridge metrics, StreamsMetrics streamsMetrics)
    {
        var instanceId = InstanceId(streams);
        var config = new SinkFriendlyStreamConfig
        {
            ApplicationId = streams.ApplicationId,
            ClientId = $"{streams.ApplicationId}-{instanceId}",
            BootstrapServers = kafka.BootstrapServers,
            StateDir = Path.GetFullPath(Path.Combine(streams.StateDirectory, instanceId)),
            NumStreamThreads = streams.Threads,
            // Setting Guarantee resets CommitIntervalMs (to 100 ms under exactly-once), so the interval comes after it.
            Guarantee = exactlyOnce ? ProcessingGuarantee.EXACTLY_ONCE : ProcessingGuarantee.AT_LEAST_ONCE,
            MaxPollRestoringRecords = streams.MaxPollRestoringRecords,
            MaxPollRecords = streams.MaxPollRecords,
            PollMs = (long)streams.PollTimeout.TotalMilliseconds,
            DefaultStateStoreCacheMaxBytes = streams.CacheMaxEntriesPerStore * BytesPerCacheEntry,
            ReplicationFactor = streams.ReplicationFactor,
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            SessionTimeoutMs = (int)streams.SessionTimeout.TotalMilliseconds,
            HeartbeatIntervalMs = (int)Math.Max(100, streams.SessionTimeout.TotalMilliseconds / 4),
            Logger = loggerFactory,
            RocksDbConfigHandler = new RocksDbMemoryLimits(streams).Apply,
            MetricsReporter = metrics.Report,
            DeserializationExceptionHandler = new UndeserializableRecords(streamsMetrics, loggerFactory.CreateLogger<UndeserializableRecords>()).Skip,
        };
        config.CommitIntervalMs = (long)streams.CommitInterval.TotalMilliseconds;
        foreach (var (name, value) in kafka.ClientSettings())
        {
            foreach (var prefix in ClientPrefixes)
            {
                config.AddConfig(prefix + name, value);
            }
        }

        // At-least-once: an idempotent producer at least keeps a broker hiccup's retries from writing records twice
        // (exactly-once gets it from its transactions).
        if (!exactlyOnce && !kafka.Client.ContainsKey("enable.idempotence"))
        {
            config.AddConfig("producer.enable.idempotence", "true");
        }

        // Opt-outs apply when the global thread reads them (issue 14: ≤ 1 s to the first drop). Its consumer is idle most of
        // the time, and an idle fetch waits up to fetch.wait.max.ms (500 ms by default) before the next one starts: the
        // embedded broker does not answer a waiting fetch early when a record arrives. 100 ms costs a few idle fetches a
        // second on one consumer. (Kafka:Client wins.)
        if (!kafka.Client.ContainsKey("fetch.wait.max.ms"))
        {
            config.AddConfig("global.consumer.fetch.wait.max.ms", "100");
        }

        // Repartition and changelog batches are small and repetitive: lz4 shrinks them several-fold (Kafka:Client wins).
        if (!kafka.Client.ContainsKey("compression.type"))
        {
            config.AddConfig("producer.compression.type", "lz4");
        }

        // Fuller batches for fewer produce calls: 20 ms instead of librdkafka's 5 ms measured 0.84x the worker's CPU per
        // event and 1.11x the counting rate in a burst (bench/RESULTS.md, lever linger20), for up to 15 ms more per hop
        // (Kafka Streams' own default is 100 ms). Kafka:Client wins.
        if (!kafka.Client.ContainsKey("linger.ms"))
        {
            config.AddConfig("producer.linger.ms", "20");
        }

        return config;
    }

    public static string InstanceId(StreamsOptions streams) =>
        string.IsNullOrWhiteSpace(streams.InstanceId) ? Environment.MachineName : streams.InstanceId;
}
