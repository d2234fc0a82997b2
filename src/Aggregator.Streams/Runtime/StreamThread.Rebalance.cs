using Aggregator.Streams.Processors;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>Rebalance callbacks: tasks are created on assignment, committed and closed on revocation.</summary>
internal sealed partial class StreamThread
{
    // Stateful tasks wait here until the main loop can pause their partitions and start restoring them.
    private readonly HashSet<TaskId> _pendingInit = [];

    private IEnumerable<TopicPartitionOffset> OnPartitionsAssigned(IConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            var subtopology = _runtime.SubtopologyOf(partition.Topic);
            var id = new TaskId(subtopology.Id, partition.Partition.Value);
            if (!_tasks.TryGetValue(id, out var task))
            {
                task = _runtime.CreateTask(id, _collector, _logger);
                _tasks[id] = task;
                if (task.State.HasStores)
                {
                    _pendingInit.Add(id);
                }
                else
                {
                    // Stateless: nothing to restore, the group's committed offsets are the position.
                    task.Initialize(task.State.Committed);
                }
            }

            _routes[(partition.Topic, partition.Partition.Value)] = task;
        }

        Interlocked.Increment(ref _assignments);
        Volatile.Write(ref _pendingCount, _pendingInit.Count);
        Log.PartitionsAssigned(_logger, Name, partitions.Count, string.Join(", ", partitions.Select(p => $"{p.Topic}-{p.Partition.Value}")));
        PublishTasks();
        return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
    }

    private void OnPartitionsRevoked(IConsumer<byte[], byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = partitions.Select(p => (p.Topic, p.Partition.Value)).ToHashSet();
        var tasks = _routes.Where(r => revoked.Contains(r.Key)).Select(r => r.Value).Distinct().ToList();
        Log.PartitionsRevoked(_logger, Name, partitions.Count, tasks.Count);
        try
        {
            // Hand over cleanly: the next owner resumes exactly where these tasks committed.
            CommitTasks(tasks.Where(t => t.IsInitialized).ToList());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CommitFailed(_logger, Name, ex.Message);
            foreach (var task in tasks)
            {
                task.State.AbortCommit();
            }
        }

        foreach (var task in tasks)
        {
            CloseTask(task, clean: true);
        }
    }

    private void OnPartitionsLost(IConsumer<byte[], byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        // Another member may already own them: do not commit anything, just let go.
        var lost = partitions.Select(p => (p.Topic, p.Partition.Value)).ToHashSet();
        var tasks = _routes.Where(r => lost.Contains(r.Key)).Select(r => r.Value).Distinct().ToList();
        Log.PartitionsLost(_logger, Name, partitions.Count);
        foreach (var task in tasks)
        {
            CloseTask(task, clean: false);
        }
    }
}
