using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

/// <summary>
/// Owns a <c>rocksdb_t*</c> and the option objects every call on it shares. Iterators hold a reference
/// (<see cref="SafeHandle.DangerousAddRef"/>) for their whole life and every call holds one for its
/// duration, so <c>rocksdb_close</c> runs only when the last user lets go: RocksDB requires all iterators
/// to be destroyed before close, and a close under a running Get would be a use-after-free.
/// </summary>
internal sealed class DatabaseHandle : SafeHandle
{
    private readonly nint _readOptions;
    private readonly nint _writeOptions;
    private readonly nint _syncWriteOptions;

    /// <summary>Takes ownership of <paramref name="database"/>.</summary>
    internal DatabaseHandle(nint database)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        // Read/write options are only read by RocksDB, so one instance of each serves every thread.
        _readOptions = RocksDbNative.ReadOptionsCreate();
        _writeOptions = RocksDbNative.WriteOptionsCreate();
        _syncWriteOptions = RocksDbNative.WriteOptionsCreate();
        RocksDbNative.WriteOptionsSetSync(_syncWriteOptions, 1);
        SetHandle(database);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Default read options (no bounds) for point lookups.</summary>
    internal nint ReadOptions => _readOptions;

    internal nint WriteOptions(bool sync) => sync ? _syncWriteOptions : _writeOptions;

    protected override bool ReleaseHandle()
    {
        RocksDbNative.Close(handle);
        RocksDbNative.ReadOptionsDestroy(_readOptions);
        RocksDbNative.WriteOptionsDestroy(_writeOptions);
        RocksDbNative.WriteOptionsDestroy(_syncWriteOptions);
        return true;
    }
}
