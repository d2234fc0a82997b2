using System.Diagnostics.CodeAnalysis;
using Aggregator.Streams.Kafka;
using Aggregator.Streams.Processors;
using Aggregator.Streams.Queries;
using Aggregator.Streams.State;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.Runtime;

/// <summary>Interactive queries: read a window store's committed values for a key, if this instance owns it.</summary>
public sealed partial class KafkaStreams
{
    /// <summary>
    /// Looks up <paramref name="key"/>'s windows starting in [<paramref name="from"/>, <paramref name="to"/>] in the
    /// window store <paramref name="storeName"/>. The key's partition decides which task — and so which instance —
    /// holds it; the answer says plainly when that is not this instance.
    /// </summary>
    public WindowQueryResult<TValue> QueryWindowStore<TKey, TValue>(string storeName, TKey key, DateTimeOffset from, DateTimeOffset to)
        where TKey : notnull
    {
        if (!_topology.Stores.TryGetValue(storeName, out var builder) || builder is not WindowStoreBuilder<TKey, TValue> window)
        {
            throw new ArgumentException($"No window store named '{storeName}' with these key and value types.", nameof(storeName));
        }

        var runtime = _runtime;
        var subtopology = _topology.Subtopologies.First(s => s.Stores.Contains(builder));
        if (runtime is null || !runtime.Plan.TasksPerSubtopology.TryGetValue(subtopology.Id, out var tasks))
        {
            return new(WindowQueryStatus.Unavailable, storeName, -1, [], "the instance is not running");
        }

        var partition = Murmur2Partitioner.Partition(window.KeySerde.Serialize(key), tasks);
        var id = new TaskId(subtopology.Id, partition);
        if (!TryFindTask(id, out var task))
        {
            return new(WindowQueryStatus.OtherInstance, storeName, partition, [],
                $"partition {partition} of store {storeName} belongs to another instance of {_config.ApplicationId} (or is moving); ask the instance that owns task {id}");
        }

        if (!task.IsInitialized)
        {
            return new(WindowQueryStatus.Restoring, storeName, partition, [], $"task {id} is restoring its state; try again shortly");
        }

        var store = task.State.Stores.OfType<CachedWindowStore<TKey, TValue>>().First(s => s.Name == storeName);
        return new(WindowQueryStatus.Local, storeName, partition, store.FetchCommitted(key, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()));
    }

    /// <summary>Every partition of every source topic (external and repartition) this application reads.</summary>
    public IReadOnlyList<Confluent.Kafka.TopicPartition> SourcePartitions
    {
        get
        {
            var runtime = _runtime;
            if (runtime is null)
            {
                return [];
            }

            return runtime.Topology.Subtopologies
                .SelectMany(s => s.SourceTopics.Select(t => (Topic: t.IsRepartition ? InternalTopicNames.Resolve(_config.ApplicationId, t.Topic) : t.Topic, Partitions: runtime.Plan.TasksPerSubtopology[s.Id])))
                .SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new Confluent.Kafka.TopicPartition(t.Topic, p)))
                .ToList();
        }
    }

    private bool TryFindTask(TaskId id, [NotNullWhen(true)] out StreamTask? task)
    {
        foreach (var thread in _threads)
        {
            if (thread.PublishedTasks.TryGetValue(id, out task))
            {
                return true;
            }
        }

        task = null;
        return false;
    }
}
