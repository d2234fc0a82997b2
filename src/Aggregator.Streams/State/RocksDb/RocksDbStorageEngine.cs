using System.Buffers.Binary;
using Aggregator.RocksDb;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.RocksDb;

/// <summary>
/// Persistent storage for all RocksDB stores of an instance, in ONE database under
/// &lt;StateDirectory&gt;/&lt;ApplicationId&gt;/&lt;InstanceId&gt;. One database means one shared block cache and one
/// cap on memtables (<see cref="StreamsConfig.RocksDbTotalWriteBufferBytes"/>) for everything: native memory is
/// bounded by configuration, not by the number of tasks and stores — the usual complaint about Kafka Streams and
/// Streamiz, whose per-store databases each bring their own memtables. It also lets a task commit all its stores
/// and its checkpoint in a single atomic write batch.
/// </summary>
internal sealed class RocksDbStorageEngine : IStorageEngine, IDisposable
{
    private readonly RocksDbCache _cache;
    private readonly Lock _registryLock = new();
    private readonly Dictionary<string, ushort> _storeIds = new(StringComparer.Ordinal);

    private RocksDbStorageEngine(RocksDatabase database, RocksDbCache cache)
    {
        Database = database;
        _cache = cache;
    }

    public StoreType Type => StoreType.RocksDb;

    public RocksDatabase Database { get; }

    /// <summary>Memory and size figures for metrics (cheap property reads; safe from any thread).</summary>
    public Metrics.StorageStatistics Statistics() => new(
        _cache.Usage,
        Database.GetLongProperty("rocksdb.cur-size-all-mem-tables") ?? 0,
        Database.GetLongProperty("rocksdb.estimate-num-keys") ?? 0);

    public static RocksDbStorageEngine Open(StreamsConfig config)
    {
        var path = Path.Combine(config.StateDirectory, config.ApplicationId, config.InstanceId);
        Directory.CreateDirectory(path);
        var cache = new RocksDbCache(config.RocksDbBlockCacheBytes);
        try
        {
            var database = RocksDatabase.Open(path, new RocksDbOptions
            {
                CreateIfMissing = true,
                BlockCache = cache,
                WriteBufferSizeBytes = config.RocksDbWriteBufferBytes,
                MaxWriteBufferNumber = 2,
                DbWriteBufferSizeBytes = config.RocksDbTotalWriteBufferBytes,
                CacheIndexAndFilterBlocks = true,
                Compression = RocksDbCompression.Auto,
            });
            return new RocksDbStorageEngine(database, cache);
        }
        catch (RocksDbException ex)
        {
            cache.Dispose();
            throw new Errors.StreamsException(
                $"Could not open the state directory {Path.GetFullPath(path)}: {ex.Message}. " +
                "If another instance uses it, give each instance its own InstanceId or StateDirectory.", ex);
        }
    }

    public ITaskStorage OpenTask(TaskId task) => new RocksDbTaskStorage(this, task);

    /// <summary>A stable 2-byte id per store name, recorded in the database so it survives restarts and topology changes.</summary>
    public ushort StoreId(string storeName)
    {
        lock (_registryLock)
        {
            if (_storeIds.TryGetValue(storeName, out var id))
            {
                return id;
            }

            var key = RocksKeys.StoreRegistryKey(storeName);
            var existing = Database.Get(key);
            if (existing is { Length: 2 })
            {
                id = BinaryPrimitives.ReadUInt16BigEndian(existing);
            }
            else
            {
                id = NextFreeId();
                var bytes = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(bytes, id);
                Database.Put(key, bytes);
            }

            _storeIds[storeName] = id;
            return id;
        }
    }

    public void Dispose()
    {
        Database.Dispose();
        _cache.Dispose();
    }

    private ushort NextFreeId()
    {
        var prefix = new byte[] { 0xFF, 0xFF, (byte)'S' };
        var end = new byte[] { 0xFF, 0xFF, (byte)'S' + 1 };
        ushort max = 0;
        using var iterator = Database.CreateIterator(prefix, end);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            max = Math.Max(max, BinaryPrimitives.ReadUInt16BigEndian(iterator.Value));
        }

        iterator.ThrowIfError();
        return max >= RocksKeys.MetadataId - 1
            ? throw new InvalidOperationException("Too many state stores in one state directory.")
            : (ushort)(max + 1);
    }
}
