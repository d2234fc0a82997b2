using System.Collections.Concurrent;
using System.Globalization;
using Aggregator.Topology;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// Which store partitions are restored, from Streamiz's restore listener events. Streamiz says RUNNING while tasks still
/// restore and creates (and initialises) a task before its restore even starts, so a task counts as restored only once
/// every store of its sub-topology has reported the end of its restore for the task's partition.
/// </summary>
internal sealed class RestoreTracker(StreamsMetrics metrics)
{
    private readonly ConcurrentDictionary<(string Topic, int Partition, string Store), long> _restoring = new();
    private readonly ConcurrentDictionary<(string Store, int Partition), byte> _restored = new();

    /// <summary>Changelog partitions being restored right now, as "topic-partition".</summary>
    public IReadOnlyList<string> Restoring => [.. _restoring.Keys.Select(k => $"{k.Topic}-{k.Partition}").Distinct().Order(StringComparer.Ordinal)];

    public bool IsRestored(string store, int partition) => _restored.ContainsKey((store, partition));

    public void Started(string topic, int partition, string store, long startOffset, long endOffset)
    {
        _restored.TryRemove((store, partition), out _);
        _restoring[(topic, partition, store)] = endOffset;
        metrics.SetRestoreRemaining(Task(partition), store, Math.Max(0, endOffset - Math.Max(startOffset, 0)));
    }

    public void Batch(string topic, int partition, string store, long batchEndOffset, long restored)
    {
        metrics.RecordRestored(restored);
        if (_restoring.TryGetValue((topic, partition, store), out var end))
        {
            metrics.SetRestoreRemaining(Task(partition), store, Math.Max(0, end - batchEndOffset));
        }
    }

    public void Ended(string topic, int partition, string store)
    {
        _restoring.TryRemove((topic, partition, store), out _);
        _restored[(store, partition)] = 0;
        metrics.SetRestoreRemaining(Task(partition), store, null);
    }

    /// <summary>
    /// Store partitions of <paramref name="tasks"/> ("subtopology-partition", as Streamiz names them) not restored yet,
    /// as "task/store": restoring, or not started restoring. Empty when every task can process.
    /// </summary>
    public IReadOnlyList<string> Unrestored(IEnumerable<string> tasks, IReadOnlyDictionary<int, IReadOnlyList<string>> storesBySubTopology)
    {
        var waiting = new List<string>();
        foreach (var task in tasks)
        {
            var dash = task.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0
                && int.TryParse(task.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var subTopology)
                && int.TryParse(task.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                && storesBySubTopology.TryGetValue(subTopology, out var stores))
            {
                waiting.AddRange(stores.Where(store => !IsRestored(store, partition)).Select(store => $"{task}/{store}"));
            }
        }

        waiting.Sort(StringComparer.Ordinal);
        return waiting;
    }

    // Changelog partition n belongs to task n of the store's sub-topology.
    private static string Task(int partition) => partition.ToString(CultureInfo.InvariantCulture);
}
