using Aggregator.RocksDb;
namespace Aggregator.Streams.State.Internal;

/// <summary>
/// The committed contents of one key-value store for one task, as bytes. Writes are staged and become
/// visible (and durable, for RocksDB) only when the task's storage commits, atomically with the task's
/// checkpoint: that is what lets a restarted task know exactly which input its state reflects.
/// </summary>
internal interface IKeyValueBytes
{
    bool TryGet<T>(ReadOnlySpan<byte> key, RocksValueReader<T> decode, out T value);

    /// <summary>Stages a write; a null value deletes.</summary>
    void Stage(byte[] key, byte[]? value);

    /// <summary>Committed entries in key order.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> All();
}
