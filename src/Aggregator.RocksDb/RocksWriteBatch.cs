using Aggregator.RocksDb.Native;

namespace Aggregator.RocksDb;

/// <summary>
/// Puts and deletes collected in memory and applied atomically by <see cref="RocksDatabase.Write"/>.
/// Keys and values are copied into the batch, so the caller's buffers can be reused at once. Reusable
/// after <see cref="Clear"/>; not tied to any database. Not thread-safe.
/// </summary>
public sealed unsafe class RocksWriteBatch : IDisposable
{
    private readonly WriteBatchHandle _handle = WriteBatchHandle.Create();
    private volatile bool _disposed; // not _handle.IsClosed, which lags while a Write holds a reference

    /// <summary>Number of operations in the batch (a DeleteRange counts as one).</summary>
    public int Count => RocksDbNative.WriteBatchCount(Handle);

    /// <summary>Size of the batch's serialized representation, headers included.</summary>
    public long DataSizeBytes
    {
        get
        {
            nuint size;
            RocksDbNative.WriteBatchData(Handle, &size);
            return (long)size;
        }
    }

    internal WriteBatchHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var handle = Handle;
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.WriteBatchPut(handle, k, (nuint)key.Length, v, (nuint)value.Length);
        }
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        var handle = Handle;
        fixed (byte* k = key)
        {
            RocksDbNative.WriteBatchDelete(handle, k, (nuint)key.Length);
        }
    }

    /// <summary>
    /// Deletes every key in [<paramref name="begin"/>, <paramref name="endExclusive"/>) with one range
    /// tombstone, however many keys that is: the cheap way to drop an expired window segment.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="begin"/> sorts after <paramref name="endExclusive"/>.</exception>
    public void DeleteRange(ReadOnlySpan<byte> begin, ReadOnlySpan<byte> endExclusive)
    {
        // RocksDB accepts an inverted range into a batch and only rejects it, or misbehaves, later.
        if (begin.SequenceCompareTo(endExclusive) > 0)
        {
            throw new ArgumentException("The range start sorts after its end (keys compare bytewise).", nameof(begin));
        }

        var handle = Handle;
        fixed (byte* b = begin)
        fixed (byte* e = endExclusive)
        {
            RocksDbNative.WriteBatchDeleteRange(handle, b, (nuint)begin.Length, e, (nuint)endExclusive.Length);
        }
    }

    /// <summary>Empties the batch for reuse, keeping its buffer.</summary>
    public void Clear() => RocksDbNative.WriteBatchClear(Handle);

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
