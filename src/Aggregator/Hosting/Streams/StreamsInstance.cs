using Aggregator.Topology;
using Confluent.Kafka;
using Streamiz.Kafka.Net;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// The running Streamiz instance and what the rest of the host observes of it: its state, which store partitions are
/// restored (<see cref="RestoreTracker"/>), and the tasks assigned. Null until the worker has created it.
/// </summary>
internal sealed class StreamsInstance(StreamsMetrics metrics)
{
    private readonly RestoreTracker _restores = new(metrics);
    private volatile KafkaStream? _stream;
    private volatile Exception? _error;
    private int _state;

    public KafkaStream? Current => _stream;

    public InstanceState State => (InstanceState)Volatile.Read(ref _state);

    /// <summary>Why the instance failed, when <see cref="State"/> is <see cref="InstanceState.Error"/>.</summary>
    public Exception? Error => _error;

    /// <summary>Changelog partitions being restored right now, as "topic-partition".</summary>
    public IReadOnlyList<string> RestoringPartitions => _restores.Restoring;

    public int TasksRunning => metrics.TasksRunning;

    /// <summary>Every partition the instance's group consumes (raw and repartition topics), for group-wide lag.</summary>
    public IReadOnlyList<TopicPartition> SourcePartitions { get; set; } = [];

    /// <summary>Partitions of the counting sub-topology (the raw topic's), known once start-up has looked at the cluster.</summary>
    public int CountingPartitions { get; set; }

    /// <summary>The stores of each sub-topology, from the topology's description (set by the worker).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> StoresBySubTopology { get; set; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>Whether partition <paramref name="partition"/> of <paramref name="store"/> has finished restoring here.</summary>
    public bool IsRestored(string store, int partition) => _restores.IsRestored(store, partition);

    /// <summary>Assigned tasks' store partitions not restored yet, as "task/store"; empty when every task can process.</summary>
    public IReadOnlyList<string> Unrestored() => _restores.Unrestored(metrics.Tasks, StoresBySubTopology);

    public void Attach(KafkaStream stream)
    {
        stream.StateChanged += (_, state) => SetState(Map(state));
        stream.OnRestoreStartEvent += (partition, store, start, end) => _restores.Started(partition.Topic, partition.Partition.Value, store, start, end);
        stream.OnRestoreBatchEvent += (partition, store, batchEnd, restored) => _restores.Batch(partition.Topic, partition.Partition.Value, store, batchEnd, restored);
        stream.OnRestoreEndEvent += (partition, store, _) => _restores.Ended(partition.Topic, partition.Partition.Value, store);
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

    private static InstanceState Map(KafkaStream.State state) =>
        state == KafkaStream.State.RUNNING ? InstanceState.Running
        : state == KafkaStream.State.REBALANCING ? InstanceState.Rebalancing
        : state == KafkaStream.State.PENDING_SHUTDOWN ? InstanceState.PendingShutdown
        : state == KafkaStream.State.NOT_RUNNING ? InstanceState.NotRunning
        : state == KafkaStream.State.ERROR ? InstanceState.Error
        : InstanceState.Created;
}
