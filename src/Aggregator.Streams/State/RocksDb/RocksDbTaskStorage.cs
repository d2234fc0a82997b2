using Aggregator.RocksDb;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.RocksDb;

/// <summary>
/// One task's slice of the instance database: its stores' staged writes go into one write batch, committed
/// together with the task's checkpoint.
/// </summary>
internal sealed class RocksDbTaskStorage(RocksDbStorageEngine engine, TaskId task) : ITaskStorage
{
    private readonly RocksWriteBatch _batch = new();
    private readonly byte[] _checkpointKey = RocksKeys.CheckpointKey(task.Subtopology, task.Partition);
    private readonly List<ushort> _storeIds = [];

    public bool IsPersistent => true;

    public IKeyValueBytes OpenKeyValue(string storeName) => new RocksDbKeyValueBytes(engine.Database, _batch, Register(storeName), task.Partition);

    public IWindowBytes OpenWindow(string storeName, long segmentIntervalMs) =>
        new RocksDbWindowBytes(engine.Database, _batch, Register(storeName), task.Partition, segmentIntervalMs);

    public TaskCheckpoint? ReadCheckpoint()
    {
        var bytes = engine.Database.Get(_checkpointKey);
        return bytes is null ? null : TaskCheckpoint.FromBytes(bytes);
    }

    public void Commit(TaskCheckpoint checkpoint)
    {
        _batch.Put(_checkpointKey, checkpoint.ToBytes());
        engine.Database.Write(_batch);
        _batch.Clear();
    }

    public void Abort() => _batch.Clear();

    public void Wipe()
    {
        _batch.Clear();
        foreach (var id in _storeIds)
        {
            _batch.DeleteRange(RocksKeys.Prefix(id, task.Partition), RocksKeys.PrefixEnd(id, task.Partition));
        }

        _batch.Delete(_checkpointKey);
        engine.Database.Write(_batch);
        _batch.Clear();
    }

    public void Dispose() => _batch.Dispose();

    private ushort Register(string storeName)
    {
        var id = engine.StoreId(storeName);
        _storeIds.Add(id);
        return id;
    }
}
