using Aggregator.Streams.Runtime;
using Aggregator.Streams.State.Changelog;

namespace Aggregator.Streams.State.Internal;

/// <summary>
/// What the runtime needs from every task-owned store: a write cache holding the uncommitted updates,
/// flushed at commit to the changelog (tagged with the batch) and staged into the task's storage,
/// and a way to rebuild from the changelog.
/// </summary>
/// <remarks>
/// Uncommitted updates never reach the storage engine before the commit: after a crash, local state is
/// exactly the last commit, which the checkpoint describes. The cache therefore cannot evict dirty entries;
/// when too many pile up, the store asks for an early commit instead.
/// </remarks>
internal abstract class ManagedStore(string name, StoreType type, bool loggingEnabled, bool cachingEnabled, int cacheMaxEntries) : IStateStore
{
    public string Name { get; } = name;

    public StoreType Type { get; } = type;

    public bool LoggingEnabled { get; } = loggingEnabled;

    /// <summary>When enabled, updates are forwarded downstream at commit (latest per key), not one by one.</summary>
    public bool CachingEnabled { get; } = cachingEnabled;

    protected int CacheMaxEntries { get; } = cacheMaxEntries;

    public ChangelogWriter? Changelog { get; private set; }

    protected TaskContext Task { get; private set; } = null!;

    public abstract int DirtyCount { get; }

    public abstract int CachedCount { get; }

    public void Open(TaskContext task, ITaskStorage storage, ChangelogWriter? changelog)
    {
        Task = task;
        Changelog = changelog;
        OpenBackend(storage);
    }

    protected abstract void OpenBackend(ITaskStorage storage);

    /// <summary>Forwards (if cached), logs and stages every dirty entry; they become clean.</summary>
    public abstract void Flush(long wallClockMs);

    /// <summary>Forgets every update since the last commit.</summary>
    public abstract void DiscardUncommitted();

    /// <summary>Stages one restored changelog record (null value = delete) into the storage.</summary>
    public abstract void Restore(byte[] changelogKey, byte[]? value);

    /// <summary>The committed value under a changelog key (null if absent): used to repair a changelog.</summary>
    public abstract byte[]? ReadCommitted(byte[] changelogKey);

    /// <summary>Requests an early commit when dirty entries exceed what the cache may hold.</summary>
    protected void RequestCommitIfFull()
    {
        if (DirtyCount >= CacheMaxEntries)
        {
            Task.CommitRequested = true;
        }
    }
}
