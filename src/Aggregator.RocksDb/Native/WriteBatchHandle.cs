using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

/// <summary>
/// Owns a <c>rocksdb_writebatch_t*</c>. A batch is a self-contained buffer with no tie to any database,
/// so it holds no database reference; <c>rocksdb_write</c> holds both handles for the call.
/// </summary>
internal sealed class WriteBatchHandle : SafeHandle
{
    private WriteBatchHandle(nint batch)
        : base(invalidHandleValue: 0, ownsHandle: true) => SetHandle(batch);

    public override bool IsInvalid => handle == 0;

    internal static WriteBatchHandle Create() => new(RocksDbNative.WriteBatchCreate());

    protected override bool ReleaseHandle()
    {
        RocksDbNative.WriteBatchDestroy(handle);
        return true;
    }
}
