using System.Collections.Concurrent;
using Aggregator.Topology;
using Confluent.Kafka;
using Streamiz.Kafka.Net;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// The running Streamiz instance and what the rest of the host observes of it: its state, which changelog partitions
/// are restoring (Streamiz says RUNNING while tasks restore, so readiness looks here too), and the tasks processing.
/// Null until the worker has created it.
/// </summary>
internal sealed class StreamsInstance(StreamsMetrics metrics)
{
    private readonly ConcurrentDictionary<(string Topic, int Partition, string Store), long> _restoring = new();
    private volatile KafkaStream? _stream;
    private volatile Exception? _error;
    private int _state;

    public KafkaStream? Current => _stream;

    public InstanceState State => (InstanceState)Volatile.Read(ref _state);

    /// <summary>Why the instance failed, when <see cref="State"/> is <see cref="InstanceState.Error"/>.</summary>
    public Exception? Error => _error;

    /// <summary>Changelog partitions being restored right now, as "topic-partition".</summary>
    public IReadOnlyList<string> RestoringPartitions => [.. _restoring.Keys.Select(k => $"{k.Topic}-{k.Partition}").Distinct().Order(StringComparer.Ordinal)];

    public int TasksRunning => metrics.TasksRunning;

    /// <summary>Every partition the instance's group consumes (raw and repartition topics), for group-wide lag.</summary>
    public IReadOnlyList<TopicPartition> SourcePartitions { get; set; } = [];

    /// <summary>Partitions of the counting sub-topology (the raw topic's), known once start-up has looked at the cluster.</summary>
    public int CountingPartitions { get; set; }

    /// <summary>Whether partition <paramref name="partition"/> of <paramref name="store"/>'s changelog is being restored.</summary>
    public bool IsRestoring(string store, int partition) =>
        _restoring.Keys.Any(k => k.Partition == partition && string.Equals(k.Store, store, StringComparison.Ordinal));

    public void Attach(KafkaStream stream)
    {
        stream.StateChanged += (_, state) => SetState(Map(state));
        stream.OnRestoreStartEvent += (partition, store, start, end) =>
        {
            _restoring[Key(partition, store)] = end;
            metrics.SetRestoreRemaining(Task(partition), store, Math.Max(0, end - Math.Max(start, 0)));
        };
        stream.OnRestoreBatchEvent += (partition, store, batchEnd, restored) =>
        {
            metrics.RecordRestored(restored);
            if (_restoring.TryGetValue(Key(partition, store), out var end))
            {
                metrics.SetRestoreRemaining(Task(partition), store, Math.Max(0, end - batchEnd));
            }
        };
        stream.OnRestoreEndEvent += (partition, store, _) =>
        {
            _restoring.TryRemove(Key(partition, store), out _);
            metrics.SetRestoreRemaining(Task(partition), store, null);
        };
        _stream = stream;
    }

    public void Fail(Exception error)
    {
        _error = error;
        SetState(InstanceState.Error);
    }

    private void SetState(InstanceState state)
    {
        Volatile.Write(ref _state, (int)state);
        metrics.SetState((int)state);
    }

    private static (string, int, string) Key(TopicPartition partition, string store) => (partition.Topic, partition.Partition.Value, store);

    // Changelog partition n belongs to task n of the store's sub-topology; the store name tells which one it is.
    private static string Task(TopicPartition partition) => partition.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static InstanceState Map(KafkaStream.State state) =>
        state == KafkaStream.State.RUNNING ? InstanceState.Running
        : state == KafkaStream.State.REBALANCING ? InstanceState.Rebalancing
        : state == KafkaStream.State.PENDING_SHUTDOWN ? InstanceState.PendingShutdown
        : state == KafkaStream.State.NOT_RUNNING ? InstanceState.NotRunning
        : state == KafkaStream.State.ERROR ? InstanceState.Error
        : InstanceState.Created;
}
