using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

/// <summary>
/// Owns a <c>rocksdb_cache_t*</c>: a wrapper around a shared_ptr to the LRU cache. Each database opened
/// with the cache copies the shared_ptr, so releasing this wrapper never pulls the cache from under one.
/// </summary>
internal sealed class CacheHandle : SafeHandle
{
    private CacheHandle(nint cache)
        : base(invalidHandleValue: 0, ownsHandle: true) => SetHandle(cache);

    public override bool IsInvalid => handle == 0;

    internal static CacheHandle CreateLru(long capacityBytes) => new(RocksDbNative.CacheCreateLru((nuint)capacityBytes));

    protected override bool ReleaseHandle()
    {
        RocksDbNative.CacheDestroy(handle);
        return true;
    }
}
