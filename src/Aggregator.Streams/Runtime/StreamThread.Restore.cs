using System.Diagnostics;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State.Changelog;
using Aggregator.Streams.State.Internal;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// Restoring: a newly assigned stateful task has its source partitions paused while its stores are rebuilt
/// from their changelogs (from the local checkpoint on, or from the start), in bulk, interleaved with the
/// processing of the thread's other tasks. Then it seeks to the positions its state reflects and resumes.
/// </summary>
internal sealed partial class StreamThread
{
    private const int RestoreRecordsPerStep = 20_000;
    private readonly Dictionary<TaskId, RestoringTask> _restoring = [];
    private readonly Dictionary<TopicPartition, ChangelogRestorer> _restorers = [];
    private IConsumer<byte[], byte[]> _restoreConsumer = null!;
    private int _emptyRestorePolls;

    private void InitializeAssignedTasks()
    {
        if (_pendingInit.Count == 0)
        {
            return;
        }

        var pending = _pendingInit.ToList();
        _pendingInit.Clear();
        var restorersByTask = pending.ToDictionary(id => id, id =>
        {
            var task = _tasks[id];
            _consumer.Pause(SourcePartitions(task));
            return task.State.CreateRestorers();
        });

        // Watermark queries are network round trips: ask for all changelog partitions at once, not one by one.
        var watermarks = QueryWatermarks(restorersByTask.Values.SelectMany(r => r).Select(r => r.Partition));
        foreach (var id in pending)
        {
            var task = _tasks[id];
            var restorers = restorersByTask[id];
            var mismatch = restorers.FirstOrDefault(r => r.StartOffset > watermarks[r.Partition].High.Value || r.StartOffset < watermarks[r.Partition].Low.Value);
            if (mismatch is not null)
            {
                // The changelog does not contain what the local checkpoint expects (topic recreated or
                // truncated): local state cannot be trusted; rebuild from whatever the changelog holds.
                var range = watermarks[mismatch.Partition];
                Log.ChangelogMismatch(_logger, task.Id.ToString(), mismatch.Partition.Topic, mismatch.StartOffset, range.Low.Value, range.High.Value);
                task.State.WipeLocalState();
                restorers = task.State.CreateRestorers();
            }

            foreach (var restorer in restorers)
            {
                restorer.EndOffset = watermarks[restorer.Partition].High.Value;
                if (!restorer.IsDone)
                {
                    _restorers[restorer.Partition] = restorer;
                    _restoreConsumer.IncrementalAssign([new TopicPartitionOffset(restorer.Partition, restorer.StartOffset)]);
                }
            }

            _restoring[id] = new RestoringTask(task, restorers, Stopwatch.StartNew());
            Log.RestoreStarted(_logger, task.Id.ToString(), restorers.Count, restorers.Sum(r => Math.Max(0, r.EndOffset - r.StartOffset)));
        }

        CompleteFinishedRestores();
    }

    private void RestoreStep()
    {
        var applied = 0;
        // Block a little only when nothing else needs the thread, so a restore does not spin.
        var timeout = _emptyRestorePolls > 2 ? TimeSpan.FromMilliseconds(20) : TimeSpan.Zero;
        ChangelogRestorer? restorer = null;
        while (applied < RestoreRecordsPerStep && _restorers.Count > 0)
        {
            var result = _restoreConsumer.Consume(applied == 0 ? timeout : TimeSpan.Zero);
            if (result is null)
            {
                break;
            }

            if (result.IsPartitionEOF)
            {
                continue;
            }

            // Records come in runs per partition: reuse the last restorer rather than hash a new TopicPartition each time.
            if (restorer is null || restorer.Partition.Partition.Value != result.Partition.Value || restorer.Partition.Topic != result.Topic || restorer.IsDone)
            {
                if (!_restorers.TryGetValue(result.TopicPartition, out restorer))
                {
                    continue;
                }
            }

            restorer.Apply(result.Message.Key, result.Message.Value, result.Message.Headers, result.Offset.Value);
            applied++;
            if (restorer.UncommittedRecords >= _runtime.Config.RestoreCheckpointRecords)
            {
                var owner = _restoring.Values.First(r => r.Restorers.Contains(restorer));
                owner.Task.State.CheckpointRestoreProgress(owner.Restorers);
            }

            if (restorer.IsDone)
            {
                _restorers.Remove(restorer.Partition);
                _restoreConsumer.IncrementalUnassign([restorer.Partition]);
            }
        }

        _emptyRestorePolls = applied == 0 ? _emptyRestorePolls + 1 : 0;
        CompleteFinishedRestores();
    }

    private void CompleteFinishedRestores()
    {
        foreach (var (id, restoring) in _restoring.Where(r => r.Value.Restorers.All(x => x.IsDone)).ToList())
        {
            _restoring.Remove(id);
            var task = restoring.Task;
            var checkpoint = task.State.FinishRestore(restoring.Restorers, _collector, NowMs, _abort.Token);
            task.Initialize(checkpoint);
            SeekToCheckpoint(task, checkpoint);
            _consumer.Resume(SourcePartitions(task));
            var restored = restoring.Restorers.Sum(r => r.RestoredRecords);
            var seconds = Math.Max(restoring.Clock.Elapsed.TotalSeconds, 1e-3);
            Log.RestoreCompleted(_logger, task.Id.ToString(), restored, restoring.Restorers.Sum(r => r.DiscardedRecords), restoring.Clock.Elapsed.TotalSeconds, restored / seconds);
            RestoredRecords += restored;
            PublishTasks();
        }
    }

    /// <summary>Total changelog updates this thread restored (for the restore-rate metric).</summary>
    public long RestoredRecords { get; private set; }

    private void SeekToCheckpoint(StreamTask task, TaskCheckpoint checkpoint)
    {
        var partitions = SourcePartitions(task);
        var unknown = partitions.Where(p => !task.Positions.ContainsKey((p.Topic, p.Partition.Value))).ToList();
        var committed = unknown.Count == 0 ? [] : _consumer.Committed(unknown, _runtime.Config.StartupTimeout);
        foreach (var partition in partitions)
        {
            var offset = task.Positions.TryGetValue((partition.Topic, partition.Partition.Value), out var position)
                ? new Offset(position)
                : committed.FirstOrDefault(c => c.TopicPartition == partition)?.Offset is { IsSpecial: false } committedOffset
                    ? committedOffset
                    : Offset.Beginning;
            _consumer.Seek(new TopicPartitionOffset(partition, offset));
        }

        _ = checkpoint;
    }

    private Dictionary<TopicPartition, WatermarkOffsets> QueryWatermarks(IEnumerable<TopicPartition> partitions)
    {
        var timeout = _runtime.Config.StartupTimeout;
        var queries = partitions.Distinct().Select(tp => (Partition: tp, Query: Task.Run(() => _restoreConsumer.QueryWatermarkOffsets(tp, timeout)))).ToList();
        Task.WaitAll(queries.Select(q => q.Query));
        return queries.ToDictionary(q => q.Partition, q => q.Query.Result);
    }

    private void UnregisterRestore(TaskId id)
    {
        if (_restoring.Remove(id, out var restoring))
        {
            foreach (var restorer in restoring.Restorers.Where(r => _restorers.Remove(r.Partition)))
            {
                _restoreConsumer.IncrementalUnassign([restorer.Partition]);
            }
        }
    }

    private List<TopicPartition> SourcePartitions(StreamTask task) =>
        _routes.Where(r => r.Value == task).Select(r => new TopicPartition(r.Key.Topic, r.Key.Partition)).ToList();

    private IReadOnlyList<StoreRestoreStatus> RestoreStatus(TaskId id) =>
        _restoring.TryGetValue(id, out var restoring)
            ? restoring.Restorers.Select(r => new StoreRestoreStatus(r.Store.Name, r.Partition.Topic, r.Partition.Partition.Value,
                r.RestoredRecords, Math.Max(0, r.EndOffset - r.Position), r.DiscardedRecords)).ToList()
            : [];

    private sealed record RestoringTask(StreamTask Task, IReadOnlyList<ChangelogRestorer> Restorers, Stopwatch Clock);
}
