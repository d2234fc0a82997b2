namespace Aggregator.Streams.Runtime;

/// <summary>
/// Commits a set of tasks that share one collector (one producer): flush caches, wait for every record,
/// write commit markers, wait again, then commit local storage. Batching all tasks of a thread into each
/// step keeps the number of producer flushes at two per commit, whatever the number of tasks.
/// </summary>
internal static class TaskCommitter
{
    /// <summary>Commits tasks with uncommitted work; returns them. Throws if the collector reports a failed send.</summary>
    public static IReadOnlyList<StreamTask> Commit(IEnumerable<StreamTask> tasks, IRecordCollector collector, long wallClockMs, CancellationToken cancellationToken, Action<string>? faultInjector = null)
    {
        var committing = tasks.Where(t => t.IsInitialized && (t.HasUncommittedWork || t.State.DirtyEntries > 0)).ToList();
        if (committing.Count == 0)
        {
            return committing;
        }

        foreach (var task in committing)
        {
            task.BeforeCommit();
            task.State.PrepareCommit(wallClockMs);
        }

        faultInjector?.Invoke("commit:prepared");
        collector.Flush(cancellationToken);
        faultInjector?.Invoke("commit:batch-acknowledged");
        foreach (var task in committing)
        {
            task.State.WriteCommitMarkers(task.CurrentCheckpoint(), wallClockMs);
        }

        faultInjector?.Invoke("commit:markers-sent");
        collector.Flush(cancellationToken);
        faultInjector?.Invoke("commit:markers-acknowledged");
        foreach (var task in committing)
        {
            task.State.CompleteCommit(task.CurrentCheckpoint());
            task.MarkCommitted();
            task.Context.CommitRequested = false;
        }

        faultInjector?.Invoke("commit:done");
        return committing;
    }
}
