using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

// Database calls take the raw rocksdb_t*: callers hold a DatabaseLease for the whole operation, which may span
// several native calls (a pinned Get and the read of its slice), so the marshaller's per-call ref is not enough.
internal static unsafe partial class RocksDbNative
{
    [LibraryImport(Lib, EntryPoint = "rocksdb_open", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint Open(nint options, string name, nint* errptr);

    [LibraryImport(Lib, EntryPoint = "rocksdb_close")]
    internal static partial void Close(nint db);

    [LibraryImport(Lib, EntryPoint = "rocksdb_put")]
    internal static partial void Put(
        nint db, nint writeOptions, byte* key, nuint keyLength, byte* value, nuint valueLength, nint* errptr);

    [LibraryImport(Lib, EntryPoint = "rocksdb_delete")]
    internal static partial void Delete(nint db, nint writeOptions, byte* key, nuint keyLength, nint* errptr);

    [LibraryImport(Lib, EntryPoint = "rocksdb_write")]
    internal static partial void Write(nint db, nint writeOptions, WriteBatchHandle batch, nint* errptr);

    /// <summary>Returns null when the key is absent (and leaves errptr null).</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_get_pinned")]
    internal static partial nint GetPinned(nint db, nint readOptions, byte* key, nuint keyLength, nint* errptr);

    [LibraryImport(Lib, EntryPoint = "rocksdb_pinnableslice_value")]
    internal static partial byte* PinnableSliceValue(nint slice, nuint* length);

    [LibraryImport(Lib, EntryPoint = "rocksdb_pinnableslice_destroy")]
    internal static partial void PinnableSliceDestroy(nint slice);

    /// <summary>The iterator keeps a pointer to <paramref name="readOptions"/>: it must outlive the iterator.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_create_iterator")]
    internal static partial nint CreateIterator(nint db, nint readOptions);

    [LibraryImport(Lib, EntryPoint = "rocksdb_flush")]
    internal static partial void Flush(nint db, nint flushOptions, nint* errptr);

    /// <summary>A null start or limit means unbounded on that side.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_compact_range")]
    internal static partial void CompactRange(
        nint db, byte* start, nuint startLength, byte* limit, nuint limitLength);

    /// <summary>Returns a malloc()ed string to free with <see cref="Free"/>, or null for an unknown property.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_property_value", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint PropertyValue(nint db, string name);

    /// <summary>Returns 0 on success, -1 when the property is unknown or not an integer.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_property_int", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PropertyInt(nint db, string name, ulong* value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_checkpoint_object_create")]
    internal static partial nint CheckpointObjectCreate(nint db, nint* errptr);

    [LibraryImport(Lib, EntryPoint = "rocksdb_checkpoint_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CheckpointCreate(nint checkpoint, string directory, ulong logSizeForFlush, nint* errptr);

    [LibraryImport(Lib, EntryPoint = "rocksdb_checkpoint_object_destroy")]
    internal static partial void CheckpointObjectDestroy(nint checkpoint);
}
