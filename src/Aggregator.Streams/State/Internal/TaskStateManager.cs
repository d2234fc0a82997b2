using Aggregator.Streams.Processors;
using Aggregator.Streams.Runtime;
using Aggregator.Streams.State.Changelog;
using Confluent.Kafka;

namespace Aggregator.Streams.State.Internal;

/// <summary>
/// Owns a task's stores and drives the commit protocol that keeps their state exactly-once:
/// <list type="number">
/// <item><see cref="PrepareCommit"/>: flush every store's cache — updates go downstream (cached tables), to
/// the changelog (tagged with the batch) and into the storage's staged writes.</item>
/// <item>(the stream thread flushes the producer: every record of the batch is acknowledged)</item>
/// <item><see cref="WriteCommitMarkers"/>: one marker with the checkpoint per changelog.</item>
/// <item>(the stream thread flushes the producer again)</item>
/// <item><see cref="CompleteCommit"/>: the staged writes and the checkpoint go to storage atomically.</item>
/// </list>
/// Any failure in between leaves storage at the previous checkpoint; the task then re-restores, and the
/// changelog (markers or not) tells which batch really committed.
/// </summary>
internal sealed class TaskStateManager : IDisposable
{
    private readonly TaskId _taskId;
    private readonly List<ManagedStore> _stores;
    private readonly Dictionary<StoreType, ITaskStorage> _storages = [];
    private readonly Dictionary<string, ChangelogWriter> _changelogs = new(StringComparer.Ordinal);
    private readonly long _incarnation = Random.Shared.NextInt64();
    private TaskCheckpoint _committed = TaskCheckpoint.Empty;
    private BatchId _batch;

    public TaskStateManager(TaskId taskId, IReadOnlyList<ManagedStore> stores, Func<StoreType, IStorageEngine> engines, IRecordCollector collector, string applicationId)
    {
        _taskId = taskId;
        _stores = [.. stores];
        foreach (var type in stores.Select(s => s.Type).Distinct())
        {
            _storages[type] = engines(type).OpenTask(taskId);
        }

        foreach (var store in stores.Where(s => s.LoggingEnabled))
        {
            _changelogs[store.Name] = new ChangelogWriter(collector, InternalTopicNames.Changelog(applicationId, store.Name), taskId.Partition);
        }
    }

    public IReadOnlyList<ManagedStore> Stores => _stores;

    public bool HasStores => _stores.Count > 0;

    /// <summary>The checkpoint of the last successful commit (or restore).</summary>
    public TaskCheckpoint Committed => _committed;

    public int DirtyEntries => _stores.Sum(s => s.DirtyCount);

    public void OpenStores(TaskContext context)
    {
        foreach (var store in _stores)
        {
            store.Open(context, _storages[store.Type], _changelogs.GetValueOrDefault(store.Name));
            context.RegisterStore(store);
        }

        // Persistent storage survives restarts: its checkpoint says where the local state stands.
        _committed = _storages.Values.Where(s => s.IsPersistent).Select(s => s.ReadCheckpoint()).FirstOrDefault(c => c is not null)
            ?? TaskCheckpoint.Empty;
    }

    /// <summary>One restorer per logged store, starting after the locally committed state (or from the beginning).</summary>
    public IReadOnlyList<ChangelogRestorer> CreateRestorers()
    {
        var restorers = new List<ChangelogRestorer>();
        foreach (var store in _stores.Where(s => s.LoggingEnabled))
        {
            var writer = _changelogs[store.Name];
            var start = _storages[store.Type].IsPersistent && _committed.ChangelogOffsets.TryGetValue(store.Name, out var offset) ? offset : 0;
            writer.NextOffset = start;
            restorers.Add(new ChangelogRestorer(store, new TopicPartition(writer.Topic, writer.Partition), start));
        }

        return restorers;
    }

    /// <summary>Commits what restorers applied so far, so an interrupted restore resumes rather than restarts.</summary>
    public void CheckpointRestoreProgress(IReadOnlyList<ChangelogRestorer> restorers)
    {
        var latest = Latest(restorers);
        var offsets = new Dictionary<string, long>(_committed.ChangelogOffsets, StringComparer.Ordinal);
        foreach (var restorer in restorers.Where(r => r.NextOffsetAfterLastCommit >= 0))
        {
            offsets[restorer.Store.Name] = restorer.NextOffsetAfterLastCommit;
            restorer.UncommittedRecords = 0;
        }

        CommitStorages(latest with { ChangelogOffsets = offsets });
    }

    /// <summary>
    /// Ends a restore. A tail (updates after a store's last marker) is applied if its batch committed according to
    /// any of the task's changelogs, and given the missing marker; otherwise it is an unfinished batch: discarded,
    /// and the changelog repaired (abort marker, the keys' committed values, a commit marker) so that compaction
    /// or a later restore can never resurrect it. Returns the checkpoint to resume processing from.
    /// </summary>
    public TaskCheckpoint FinishRestore(IReadOnlyList<ChangelogRestorer> restorers, IRecordCollector collector, long wallClockMs, CancellationToken cancellationToken)
    {
        CheckpointRestoreProgress(restorers);
        var latest = Latest(restorers);
        var latestBatch = restorers.Where(r => r.LastCommit is not null && r.LastCommit.Seq == latest.Seq).Select(r => (BatchId?)r.LastCommitBatch).FirstOrDefault();
        var repairs = new List<(ChangelogRestorer Restorer, IReadOnlyList<byte[]> Keys)>();
        var committedTails = new List<ChangelogRestorer>();
        foreach (var restorer in restorers.Where(r => r.Tail.Count > 0))
        {
            if (latestBatch is { } batch && restorer.TailBatches.Count == 1 && restorer.TailBatches.Contains(batch))
            {
                restorer.ApplyTail();
                committedTails.Add(restorer);
            }
            else
            {
                repairs.Add((restorer, restorer.DiscardTail()));
            }
        }

        if (committedTails.Count == 0 && repairs.Count == 0)
        {
            _committed = latest;
            return latest;
        }

        // Make the applied tails visible to ReadCommitted before computing repair values.
        CommitStorages(latest);
        var repairBatch = new BatchId(_incarnation, latest.Seq + 1);
        var resumed = latest with { Seq = repairBatch.Seq };
        var marker = ResumeMarker(resumed);
        foreach (var restorer in committedTails)
        {
            _changelogs[restorer.Store.Name].WriteCommitMarker(repairBatch, marker, wallClockMs);
        }

        foreach (var (restorer, keys) in repairs)
        {
            var writer = _changelogs[restorer.Store.Name];
            writer.WriteAbortMarker(repairBatch, wallClockMs);
            writer.BeginBatch(repairBatch);
            foreach (var key in keys)
            {
                writer.Write(key, restorer.Store.ReadCommitted(key), wallClockMs);
            }

            writer.WriteCommitMarker(repairBatch, marker, wallClockMs);
        }

        collector.Flush(cancellationToken);
        var offsets = new Dictionary<string, long>(latest.ChangelogOffsets, StringComparer.Ordinal);
        foreach (var restorer in committedTails.Concat(repairs.Select(r => r.Restorer)))
        {
            offsets[restorer.Store.Name] = _changelogs[restorer.Store.Name].NextOffset;
        }

        resumed = resumed with { ChangelogOffsets = offsets };
        CommitStorages(resumed);
        return resumed;
    }

    /// <summary>Step 1: flush caches into a new batch. Returns false when there was nothing to commit.</summary>
    public void PrepareCommit(long wallClockMs)
    {
        _batch = new BatchId(_incarnation, _committed.Seq + 1);
        foreach (var writer in _changelogs.Values)
        {
            writer.BeginBatch(_batch);
        }

        foreach (var store in _stores)
        {
            store.Flush(wallClockMs);
        }
    }

    /// <summary>Step 3: after the batch is acknowledged, mark it committed in every changelog.</summary>
    public void WriteCommitMarkers(TaskCheckpoint checkpoint, long wallClockMs)
    {
        var marker = ResumeMarker(checkpoint with { Seq = _batch.Seq });
        foreach (var writer in _changelogs.Values)
        {
            writer.WriteCommitMarker(_batch, marker, wallClockMs);
        }
    }

    /// <summary>Step 5: after the markers are acknowledged, commit storage and checkpoint atomically.</summary>
    public TaskCheckpoint CompleteCommit(TaskCheckpoint checkpoint)
    {
        var offsets = _changelogs.ToDictionary(c => c.Key, c => c.Value.NextOffset, StringComparer.Ordinal);
        var committed = checkpoint with { Seq = _batch.Seq, ChangelogOffsets = offsets };
        CommitStorages(committed);
        return committed;
    }

    /// <summary>Forgets everything since the last commit (the caller then re-restores the task).</summary>
    public void AbortCommit()
    {
        foreach (var store in _stores)
        {
            store.DiscardUncommitted();
        }

        foreach (var storage in _storages.Values)
        {
            storage.Abort();
        }
    }

    /// <summary>Deletes the task's local state (when it cannot be trusted).</summary>
    public void WipeLocalState()
    {
        foreach (var storage in _storages.Values)
        {
            storage.Wipe();
        }

        _committed = TaskCheckpoint.Empty;
    }

    public void Dispose()
    {
        foreach (var storage in _storages.Values)
        {
            storage.Dispose();
        }
    }

    private void CommitStorages(TaskCheckpoint checkpoint)
    {
        foreach (var storage in _storages.Values)
        {
            storage.Commit(checkpoint);
        }

        _committed = checkpoint;
    }

    private TaskCheckpoint Latest(IReadOnlyList<ChangelogRestorer> restorers)
    {
        var latest = _committed;
        foreach (var restorer in restorers)
        {
            if (restorer.LastCommit is { } commit && commit.Seq > latest.Seq)
            {
                latest = commit;
            }
        }

        return latest with { ChangelogOffsets = _committed.ChangelogOffsets };
    }

    // The marker carries the checkpoint without changelog offsets: a marker's own position says where it is.
    private static byte[] ResumeMarker(TaskCheckpoint checkpoint) =>
        (checkpoint with { ChangelogOffsets = new Dictionary<string, long>() }).ToBytes();

    public override string ToString() => $"state of task {_taskId}";
}
