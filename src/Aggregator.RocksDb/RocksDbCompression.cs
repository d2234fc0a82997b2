namespace Aggregator.RocksDb;

/// <summary>Block compression for new SST files. Files already written keep the compression they were written with.</summary>
public enum RocksDbCompression
{
    /// <summary>
    /// The best the loaded librocksdb supports, in order LZ4, Snappy, none: each distribution links a
    /// different set of compression libraries. The choice is reported by <see cref="RocksDatabase.Compression"/>.
    /// </summary>
    Auto = 0,

    None,
    Snappy,
    Lz4,
    Zstd,
}
