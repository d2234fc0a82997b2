namespace Aggregator.RocksDb.Native;

/// <summary>The <c>rocksdb_*_compression</c> constants of c.h that this binding uses.</summary>
internal enum NativeCompressionType
{
    None = 0,
    Snappy = 1,
    Lz4 = 4,

    /// <summary>Windows-only, never linked on Linux: lets tests drive the Auto fallback with a real rejection.</summary>
    Xpress = 6,

    Zstd = 7,
}
