using Aggregator.Hosting.Options;
using Aggregator.Streams;

namespace Aggregator.Hosting;

/// <summary>Maps the application's options onto the runtime's <see cref="StreamsConfig"/>.</summary>
internal static class StreamsConfigFactory
{
    public static StreamsConfig Create(KafkaOptions kafka, StreamsOptions streams, TopicsOptions topics) => new()
    {
        ApplicationId = streams.ApplicationId,
        BootstrapServers = kafka.BootstrapServers,
        InstanceId = string.IsNullOrWhiteSpace(streams.InstanceId) ? Environment.MachineName : streams.InstanceId,
        StateDirectory = streams.StateDirectory,
        NumStreamThreads = streams.Threads,
        CommitInterval = streams.CommitInterval,
        CacheMaxEntriesPerStore = streams.CacheMaxEntriesPerStore,
        InputIdleTimeout = streams.InputIdleTimeout,
        SessionTimeout = streams.SessionTimeout,
        HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Max(100, streams.SessionTimeout.TotalMilliseconds / 4)),
        StartupTimeout = kafka.StartupTimeout,
        RocksDbBlockCacheBytes = streams.RocksDbBlockCacheMiB << 20,
        RocksDbWriteBufferBytes = streams.RocksDbWriteBufferMiB << 20,
        RocksDbTotalWriteBufferBytes = streams.RocksDbTotalWriteBufferMiB << 20,
        InternalTopicReplicationFactor = streams.ReplicationFactor,
        DeadLetterTopic = topics.Dlq,
        ClientSettings = kafka.ClientSettings(),
    };
}
