namespace Aggregator.RocksDb;

/// <summary>
/// How to open a <see cref="RocksDatabase"/>. Defaults are RocksDB's own except where noted. Memory of a
/// database is bounded by <see cref="BlockCache"/> (shared, index and filter blocks included) plus
/// <see cref="DbWriteBufferSizeBytes"/> (all memtables); RocksDB 7.8's C API has no WriteBufferManager,
/// so memtables cannot be charged to the cache.
/// </summary>
public sealed class RocksDbOptions
{
    /// <summary>Create the database (and missing parent directories) if absent. Default true.</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// The block cache, which several databases may share. Null gives the database RocksDB's default
    /// private cache, which is not bounded together with anything else.
    /// </summary>
    public RocksDbCache? BlockCache { get; set; }

    /// <summary>Size of one memtable before it is flushed. RocksDB's default: 64 MiB; at least 64 KiB.</summary>
    public long WriteBufferSizeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Memtables kept in memory (one active, the rest waiting to flush). RocksDB's default: 2.</summary>
    public int MaxWriteBufferNumber { get; set; } = 2;

    /// <summary>
    /// Cap on all memtables of the database together; reaching it forces a flush. 0 (RocksDB's default)
    /// means no cap beyond <see cref="WriteBufferSizeBytes"/> × <see cref="MaxWriteBufferNumber"/>.
    /// </summary>
    public long DbWriteBufferSizeBytes { get; set; }

    /// <summary>
    /// Keep index and filter blocks in <see cref="BlockCache"/> (bounded) instead of table-reader memory
    /// (unbounded, grows with data). Default true; L0 blocks are then pinned and given high priority so
    /// lookups do not thrash.
    /// </summary>
    public bool CacheIndexAndFilterBlocks { get; set; } = true;

    /// <summary>Bloom filter bits per key; 0 disables the filter. Default 10 (about 1% false positives).</summary>
    public double BloomFilterBitsPerKey { get; set; } = 10;

    /// <summary>Concurrent flushes and compactions. RocksDB's default: 2.</summary>
    public int MaxBackgroundJobs { get; set; } = 2;

    /// <summary>Default <see cref="RocksDbCompression.Auto"/>.</summary>
    public RocksDbCompression Compression { get; set; } = RocksDbCompression.Auto;

    /// <summary>Throws an <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (WriteBufferSizeBytes < MinWriteBufferSizeBytes)
        {
            problems.Add($"{nameof(WriteBufferSizeBytes)} must be at least {MinWriteBufferSizeBytes} (64 KiB), was {WriteBufferSizeBytes}");
        }

        if (MaxWriteBufferNumber < 2)
        {
            problems.Add($"{nameof(MaxWriteBufferNumber)} must be at least 2 (one active memtable, one being flushed), was {MaxWriteBufferNumber}");
        }

        if (DbWriteBufferSizeBytes < 0)
        {
            problems.Add($"{nameof(DbWriteBufferSizeBytes)} must be 0 (no cap) or positive, was {DbWriteBufferSizeBytes}");
        }

        if (!double.IsFinite(BloomFilterBitsPerKey) || BloomFilterBitsPerKey < 0 || BloomFilterBitsPerKey > 100)
        {
            problems.Add($"{nameof(BloomFilterBitsPerKey)} must be between 0 (no filter) and 100, was {BloomFilterBitsPerKey}");
        }

        if (MaxBackgroundJobs < 1)
        {
            problems.Add($"{nameof(MaxBackgroundJobs)} must be at least 1, was {MaxBackgroundJobs}");
        }

        if (!Enum.IsDefined(Compression))
        {
            problems.Add($"{nameof(Compression)} {(int)Compression} is not a {nameof(RocksDbCompression)} value");
        }

        if (BlockCache is { IsDisposed: true })
        {
            problems.Add($"{nameof(BlockCache)} has been disposed");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {nameof(RocksDbOptions)}: {string.Join("; ", problems)}.");
        }
    }

    private const long MinWriteBufferSizeBytes = 64 * 1024;
}
