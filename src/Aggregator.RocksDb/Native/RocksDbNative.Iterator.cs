using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

internal static unsafe partial class RocksDbNative
{
    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_destroy")]
    internal static partial void IterDestroy(nint iterator);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_valid")]
    internal static partial byte IterValid(IteratorHandle iterator);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_seek_to_first")]
    internal static partial void IterSeekToFirst(IteratorHandle iterator);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_seek_to_last")]
    internal static partial void IterSeekToLast(IteratorHandle iterator);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_seek")]
    internal static partial void IterSeek(IteratorHandle iterator, byte* key, nuint keyLength);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_seek_for_prev")]
    internal static partial void IterSeekForPrev(IteratorHandle iterator, byte* key, nuint keyLength);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_next")]
    internal static partial void IterNext(IteratorHandle iterator);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_prev")]
    internal static partial void IterPrev(IteratorHandle iterator);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_key")]
    internal static partial byte* IterKey(IteratorHandle iterator, nuint* length);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_value")]
    internal static partial byte* IterValue(IteratorHandle iterator, nuint* length);

    [LibraryImport(Lib, EntryPoint = "rocksdb_iter_get_error")]
    internal static partial void IterGetError(IteratorHandle iterator, nint* errptr);
}
