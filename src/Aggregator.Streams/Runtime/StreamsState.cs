namespace Aggregator.Streams.Runtime;

/// <summary>Lifecycle of a <see cref="KafkaStreams"/> instance, as in Kafka Streams.</summary>
public enum StreamsState
{
    Created,

    /// <summary>Checking topics, opening state, loading global tables.</summary>
    Starting,

    /// <summary>Partitions are moving or tasks are restoring: not all assigned work is being processed.</summary>
    Rebalancing,

    Running,

    PendingShutdown,

    NotRunning,

    /// <summary>Stopped by an unrecoverable error (see <see cref="KafkaStreams.Error"/>).</summary>
    Error,
}
