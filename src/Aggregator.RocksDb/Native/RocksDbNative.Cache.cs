using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

internal static partial class RocksDbNative
{
    [LibraryImport(Lib, EntryPoint = "rocksdb_cache_create_lru")]
    internal static partial nint CacheCreateLru(nuint capacity);

    /// <summary>Drops this wrapper's reference; databases opened with the cache keep their own.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_cache_destroy")]
    internal static partial void CacheDestroy(nint cache);

    [LibraryImport(Lib, EntryPoint = "rocksdb_cache_get_capacity")]
    internal static partial nuint CacheGetCapacity(CacheHandle cache);

    [LibraryImport(Lib, EntryPoint = "rocksdb_cache_get_usage")]
    internal static partial nuint CacheGetUsage(CacheHandle cache);

    [LibraryImport(Lib, EntryPoint = "rocksdb_cache_get_pinned_usage")]
    internal static partial nuint CacheGetPinnedUsage(CacheHandle cache);
}
