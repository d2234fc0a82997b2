namespace Aggregator.RocksDb.Native;

/// <summary>
/// A <c>rocksdb_options_t</c> built from <see cref="RocksDbOptions"/>, alive only around <c>rocksdb_open</c>:
/// the database copies what it needs (the table factory and the cache by shared_ptr).
/// </summary>
internal sealed class NativeOpenOptions : IDisposable
{
    // RocksDB writes an info LOG per database and by default keeps 1,000 old ones, unbounded in size;
    // a long-running service reopening its store should not fill the disk with them.
    private const int KeptInfoLogFiles = 5;
    private const nuint MaxInfoLogFileBytes = 16 * 1024 * 1024;

    private readonly nint _options;

    private NativeOpenOptions(nint options) => _options = options;

    internal nint Pointer => _options;

    internal static NativeOpenOptions From(RocksDbOptions settings)
    {
        var result = new NativeOpenOptions(RocksDbNative.OptionsCreate());
        var options = result._options;
        RocksDbNative.OptionsSetCreateIfMissing(options, settings.CreateIfMissing ? (byte)1 : (byte)0);
        RocksDbNative.OptionsSetWriteBufferSize(options, (nuint)settings.WriteBufferSizeBytes);
        RocksDbNative.OptionsSetMaxWriteBufferNumber(options, settings.MaxWriteBufferNumber);
        RocksDbNative.OptionsSetDbWriteBufferSize(options, (nuint)settings.DbWriteBufferSizeBytes);
        RocksDbNative.OptionsSetMaxBackgroundJobs(options, settings.MaxBackgroundJobs);
        RocksDbNative.OptionsSetKeepLogFileNum(options, KeptInfoLogFiles);
        RocksDbNative.OptionsSetMaxLogFileSize(options, MaxInfoLogFileBytes);

        var table = RocksDbNative.BlockBasedOptionsCreate();
        try
        {
            if (settings.BlockCache is { } cache)
            {
                RocksDbNative.BlockBasedOptionsSetBlockCache(table, cache.Handle);
            }

            if (settings.CacheIndexAndFilterBlocks)
            {
                RocksDbNative.BlockBasedOptionsSetCacheIndexAndFilterBlocks(table, 1);

                // What RocksDB's memory-bounding guide pairs with caching index/filter blocks: without it
                // data blocks evict the index and filter that every lookup needs first.
                RocksDbNative.BlockBasedOptionsSetCacheIndexAndFilterBlocksWithHighPriority(table, 1);
                RocksDbNative.BlockBasedOptionsSetPinL0FilterAndIndexBlocksInCache(table, 1);
            }

            if (settings.BloomFilterBitsPerKey > 0)
            {
                // Ownership of the policy passes to the table options.
                RocksDbNative.BlockBasedOptionsSetFilterPolicy(
                    table, RocksDbNative.FilterPolicyCreateBloomFull(settings.BloomFilterBitsPerKey));
            }

            RocksDbNative.OptionsSetBlockBasedTableFactory(options, table);
        }
        catch
        {
            result.Dispose();
            throw;
        }
        finally
        {
            RocksDbNative.BlockBasedOptionsDestroy(table);
        }

        return result;
    }

    internal void SetCompression(NativeCompressionType compression) =>
        RocksDbNative.OptionsSetCompression(_options, (int)compression);

    public void Dispose() => RocksDbNative.OptionsDestroy(_options);
}
