using System.Diagnostics;
using Aggregator.Streams.Kafka;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// Committing: the exactly-once state protocol (<see cref="TaskCommitter"/>), then the group offsets.
/// A failed send means the commit did not happen: the thread's tasks rewind to their last checkpoint
/// (closed and re-created, restored from local state and changelog) and carry on once Kafka is back.
/// </summary>
internal sealed partial class StreamThread
{
    private void CommitAll()
    {
        _lastCommitMs = NowMs;
        var running = _tasks.Values.Where(t => t.IsInitialized).ToList();
        foreach (var task in running)
        {
            var inputsCaughtUp = SourcePartitions(task).All(p => IsCaughtUp(p.Topic, p.Partition.Value));
            task.Context.Watermarks.UpdateIdleness(_lastCommitMs, IsCaughtUp, inputsCaughtUp);
            task.PunctuateStreamTime();
            task.SendHeartbeats(inputsCaughtUp);
        }

        try
        {
            CommitTasks(running);
        }
        catch (RecordSendException ex) when (!ex.Permanent)
        {
            Log.CommitRewinding(_logger, Name, ex.Message, running.Count);
            foreach (var task in running)
            {
                task.State.AbortCommit();
                RecreateTask(task);
            }
        }
    }

    private void CommitTasks(IReadOnlyList<StreamTask> tasks)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var committed = TaskCommitter.Commit(tasks, _collector, NowMs, _abort.Token, _runtime.FaultInjector);
        if (committed.Count == 0)
        {
            return;
        }

        var offsets = committed.SelectMany(t => t.CommittableOffsets()).ToList();
        try
        {
            _consumer.Commit(offsets);
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            // Stateful tasks resume from their checkpoint regardless; stateless ones re-read a little.
            Log.OffsetCommitFailed(_logger, Name, ex.Error.Reason);
        }

        Committed?.Invoke(clock.Elapsed.TotalSeconds);
    }

    private void RecreateTask(StreamTask task)
    {
        var partitions = SourcePartitions(task);
        CloseTask(task, clean: false);
        var fresh = _runtime.CreateTask(task.Id, _collector, _logger);
        _tasks[task.Id] = fresh;
        foreach (var partition in partitions)
        {
            _routes[(partition.Topic, partition.Partition.Value)] = fresh;
        }

        PublishTasks();
        if (fresh.State.HasStores)
        {
            _pendingInit.Add(fresh.Id);
        }
        else
        {
            fresh.Initialize(fresh.State.Committed);
            var committed = _consumer.Committed(partitions, _runtime.Config.StartupTimeout);
            foreach (var offset in committed)
            {
                _consumer.Seek(offset.Offset.IsSpecial ? new TopicPartitionOffset(offset.TopicPartition, Offset.Beginning) : offset);
            }
        }
    }
}
