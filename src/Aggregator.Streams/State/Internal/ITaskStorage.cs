namespace Aggregator.Streams.State.Internal;

/// <summary>
/// One task's view of a storage engine: opens its stores and commits their staged writes together with
/// the task checkpoint, atomically.
/// </summary>
internal interface ITaskStorage : IDisposable
{
    /// <summary>Whether committed state survives a process restart (and so the checkpoint means something).</summary>
    bool IsPersistent { get; }

    IKeyValueBytes OpenKeyValue(string storeName);

    IWindowBytes OpenWindow(string storeName, long segmentIntervalMs);

    /// <summary>The checkpoint written by the last commit, or null if there is none.</summary>
    TaskCheckpoint? ReadCheckpoint();

    /// <summary>Applies every staged write and the checkpoint atomically.</summary>
    void Commit(TaskCheckpoint checkpoint);

    /// <summary>Drops every staged write (after a failed commit the task rewinds to its last checkpoint).</summary>
    void Abort();

    /// <summary>Removes all state of this task (used when local state is known to be unusable).</summary>
    void Wipe();
}
