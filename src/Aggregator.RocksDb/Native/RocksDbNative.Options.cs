using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

// Option objects: created, configured and destroyed around one call, or owned by a handle.
internal static partial class RocksDbNative
{
    [LibraryImport(Lib, EntryPoint = "rocksdb_options_create")]
    internal static partial nint OptionsCreate();

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_destroy")]
    internal static partial void OptionsDestroy(nint options);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_create_if_missing")]
    internal static partial void OptionsSetCreateIfMissing(nint options, byte value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_write_buffer_size")]
    internal static partial void OptionsSetWriteBufferSize(nint options, nuint value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_max_write_buffer_number")]
    internal static partial void OptionsSetMaxWriteBufferNumber(nint options, int value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_db_write_buffer_size")]
    internal static partial void OptionsSetDbWriteBufferSize(nint options, nuint value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_max_background_jobs")]
    internal static partial void OptionsSetMaxBackgroundJobs(nint options, int value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_compression")]
    internal static partial void OptionsSetCompression(nint options, int value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_keep_log_file_num")]
    internal static partial void OptionsSetKeepLogFileNum(nint options, nuint value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_max_log_file_size")]
    internal static partial void OptionsSetMaxLogFileSize(nint options, nuint value);

    /// <summary>Copies the table options into a new table factory; the caller still owns <paramref name="tableOptions"/>.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_options_set_block_based_table_factory")]
    internal static partial void OptionsSetBlockBasedTableFactory(nint options, nint tableOptions);

    [LibraryImport(Lib, EntryPoint = "rocksdb_block_based_options_create")]
    internal static partial nint BlockBasedOptionsCreate();

    [LibraryImport(Lib, EntryPoint = "rocksdb_block_based_options_destroy")]
    internal static partial void BlockBasedOptionsDestroy(nint tableOptions);

    /// <summary>Shares the cache (a shared_ptr copy), it does not take the wrapper.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_block_based_options_set_block_cache")]
    internal static partial void BlockBasedOptionsSetBlockCache(nint tableOptions, CacheHandle cache);

    [LibraryImport(Lib, EntryPoint = "rocksdb_block_based_options_set_cache_index_and_filter_blocks")]
    internal static partial void BlockBasedOptionsSetCacheIndexAndFilterBlocks(nint tableOptions, byte value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_block_based_options_set_cache_index_and_filter_blocks_with_high_priority")]
    internal static partial void BlockBasedOptionsSetCacheIndexAndFilterBlocksWithHighPriority(nint tableOptions, byte value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_block_based_options_set_pin_l0_filter_and_index_blocks_in_cache")]
    internal static partial void BlockBasedOptionsSetPinL0FilterAndIndexBlocksInCache(nint tableOptions, byte value);

    /// <summary>Takes ownership of <paramref name="policy"/>: never destroy it after this call.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_block_based_options_set_filter_policy")]
    internal static partial void BlockBasedOptionsSetFilterPolicy(nint tableOptions, nint policy);

    [LibraryImport(Lib, EntryPoint = "rocksdb_filterpolicy_create_bloom_full")]
    internal static partial nint FilterPolicyCreateBloomFull(double bitsPerKey);

    [LibraryImport(Lib, EntryPoint = "rocksdb_readoptions_create")]
    internal static partial nint ReadOptionsCreate();

    [LibraryImport(Lib, EntryPoint = "rocksdb_readoptions_destroy")]
    internal static partial void ReadOptionsDestroy(nint readOptions);

    /// <summary>Keeps the pointer, not a copy: <paramref name="key"/> must outlive every iterator using these options.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_readoptions_set_iterate_lower_bound")]
    internal static unsafe partial void ReadOptionsSetIterateLowerBound(nint readOptions, byte* key, nuint keyLength);

    /// <summary>Keeps the pointer, not a copy: <paramref name="key"/> must outlive every iterator using these options.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_readoptions_set_iterate_upper_bound")]
    internal static unsafe partial void ReadOptionsSetIterateUpperBound(nint readOptions, byte* key, nuint keyLength);

    [LibraryImport(Lib, EntryPoint = "rocksdb_writeoptions_create")]
    internal static partial nint WriteOptionsCreate();

    [LibraryImport(Lib, EntryPoint = "rocksdb_writeoptions_destroy")]
    internal static partial void WriteOptionsDestroy(nint writeOptions);

    [LibraryImport(Lib, EntryPoint = "rocksdb_writeoptions_set_sync")]
    internal static partial void WriteOptionsSetSync(nint writeOptions, byte value);

    [LibraryImport(Lib, EntryPoint = "rocksdb_flushoptions_create")]
    internal static partial nint FlushOptionsCreate();

    [LibraryImport(Lib, EntryPoint = "rocksdb_flushoptions_destroy")]
    internal static partial void FlushOptionsDestroy(nint flushOptions);

    [LibraryImport(Lib, EntryPoint = "rocksdb_flushoptions_set_wait")]
    internal static partial void FlushOptionsSetWait(nint flushOptions, byte value);
}
