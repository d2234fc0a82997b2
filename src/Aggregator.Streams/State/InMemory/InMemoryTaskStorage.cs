using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.InMemory;

/// <summary>
/// Task storage in managed memory. Nothing survives the process, so these stores are always rebuilt from
/// their changelogs; the checkpoint lives only as long as the task.
/// </summary>
internal sealed class InMemoryTaskStorage : ITaskStorage
{
    private readonly List<IStagedInMemory> _stores = [];
    private TaskCheckpoint? _checkpoint;

    public bool IsPersistent => false;

    public IKeyValueBytes OpenKeyValue(string storeName) => Track(new InMemoryKeyValueBytes());

    public IWindowBytes OpenWindow(string storeName, long segmentIntervalMs) => Track(new InMemoryWindowBytes());

    public TaskCheckpoint? ReadCheckpoint() => _checkpoint;

    public void Commit(TaskCheckpoint checkpoint)
    {
        foreach (var store in _stores)
        {
            store.ApplyStaged();
        }

        _checkpoint = checkpoint;
    }

    public void Abort()
    {
        foreach (var store in _stores)
        {
            store.DropStaged();
        }
    }

    public void Wipe()
    {
        foreach (var store in _stores)
        {
            store.Clear();
        }

        _checkpoint = null;
    }

    public void Dispose() => _stores.Clear();

    private T Track<T>(T store) where T : IStagedInMemory
    {
        _stores.Add(store);
        return store;
    }
}

/// <summary>An in-memory store whose writes wait for the task's commit.</summary>
internal interface IStagedInMemory
{
    void ApplyStaged();

    void DropStaged();

    void Clear();
}
