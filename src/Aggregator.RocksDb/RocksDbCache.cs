using Aggregator.RocksDb.Native;

namespace Aggregator.RocksDb;

/// <summary>
/// An LRU block cache that several databases can share, so that the block memory of all of them has one
/// bound. With <see cref="RocksDbOptions.CacheIndexAndFilterBlocks"/> (the default) index and filter blocks
/// are charged to it too.
/// </summary>
/// <remarks>
/// The capacity is not strict: RocksDB may exceed it briefly rather than fail a read. Disposing the cache
/// only drops this object's reference; databases already opened with it keep using it until they close.
/// Thread-safe.
/// </remarks>
public sealed class RocksDbCache : IDisposable
{
    private readonly CacheHandle _handle;
    private volatile bool _disposed; // not _handle.IsClosed, which lags while an Open holds a reference

    public RocksDbCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        _handle = CacheHandle.CreateLru(capacityBytes);
    }

    /// <summary>Capacity in bytes.</summary>
    public long Capacity => (long)RocksDbNative.CacheGetCapacity(Handle);

    /// <summary>Bytes currently held by cached entries (blocks, and index/filter blocks when cached).</summary>
    public long Usage => (long)RocksDbNative.CacheGetUsage(Handle);

    /// <summary>Bytes of entries in use right now (pinned by readers or iterators), which eviction cannot free.</summary>
    public long PinnedUsage => (long)RocksDbNative.CacheGetPinnedUsage(Handle);

    internal bool IsDisposed => _disposed;

    internal CacheHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
