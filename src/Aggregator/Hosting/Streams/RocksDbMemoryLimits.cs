using Aggregator.Hosting.Options;
using RocksDbSharp;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// Bounds RocksDB's memory for the whole instance: one block cache and one write-buffer manager shared by every store
/// (Streamiz's stores are otherwise unbounded: its issue #361). Streamiz's BoundMemoryRocksDbConfigHandler splits a
/// single budget in halves; this keeps the worker's three documented settings (Streams:RocksDb*MiB).
/// </summary>
internal sealed class RocksDbMemoryLimits
{
    private readonly IntPtr _blockCache;
    private readonly IntPtr _writeBufferManager;
    private readonly ulong _writeBufferBytes;

    public RocksDbMemoryLimits(StreamsOptions options)
    {
        _blockCache = Native.Instance.rocksdb_cache_create_lru(new UIntPtr((ulong)(options.RocksDbBlockCacheMiB << 20)));
        // Memtables are charged to the block cache, so the block cache bounds both.
        _writeBufferManager = Native.Instance.rocksdb_write_buffer_manager_create_with_cache(
            new UIntPtr((ulong)(options.RocksDbTotalWriteBufferMiB << 20)), _blockCache, 0);
        _writeBufferBytes = (ulong)(options.RocksDbWriteBufferMiB << 20);
    }

    public void Apply(string storeName, RocksDbOptions options)
    {
        var table = new BlockBasedTableOptions();
        table.SetBlockCache(_blockCache);
        table.SetCacheIndexAndFilterBlocks(true);
        options.SetBlockBasedTableFactory(table);
        options.SetWriteBufferManager(_writeBufferManager);
        options.SetWriteBufferSize(_writeBufferBytes);
    }
}
