using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

internal static unsafe partial class RocksDbNative
{
    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_create")]
    internal static partial nint WriteBatchCreate();

    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_destroy")]
    internal static partial void WriteBatchDestroy(nint batch);

    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_clear")]
    internal static partial void WriteBatchClear(WriteBatchHandle batch);

    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_count")]
    internal static partial int WriteBatchCount(WriteBatchHandle batch);

    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_put")]
    internal static partial void WriteBatchPut(
        WriteBatchHandle batch, byte* key, nuint keyLength, byte* value, nuint valueLength);

    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_delete")]
    internal static partial void WriteBatchDelete(WriteBatchHandle batch, byte* key, nuint keyLength);

    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_delete_range")]
    internal static partial void WriteBatchDeleteRange(
        WriteBatchHandle batch, byte* startKey, nuint startKeyLength, byte* endKey, nuint endKeyLength);

    /// <summary>The batch's serialized representation; we only use its size.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_writebatch_data")]
    internal static partial nint WriteBatchData(WriteBatchHandle batch, nuint* size);
}
