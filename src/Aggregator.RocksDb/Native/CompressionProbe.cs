namespace Aggregator.RocksDb.Native;

/// <summary>
/// Resolves <see cref="RocksDbCompression.Auto"/>. c.h has no "is this compression supported" call, but
/// RocksDB validates the compression type at open and fails with "Invalid argument: Compression type X is
/// not linked with the binary", so Auto tries each preference in turn and remembers what was rejected.
/// </summary>
internal static class CompressionProbe
{
    internal static readonly NativeCompressionType[] AutoPreference =
        [NativeCompressionType.Lz4, NativeCompressionType.Snappy, NativeCompressionType.None];

    // A bit per NativeCompressionType value that the loaded library rejected; it cannot change in a process.
    private static int _unsupported;

    internal static IEnumerable<NativeCompressionType> Candidates(
        RocksDbCompression requested, IReadOnlyList<NativeCompressionType> autoPreference)
    {
        if (requested != RocksDbCompression.Auto)
        {
            yield return ToNative(requested);
            yield break;
        }

        foreach (var candidate in autoPreference)
        {
            if ((Volatile.Read(ref _unsupported) & Bit(candidate)) == 0)
            {
                yield return candidate;
            }
        }
    }

    internal static bool IsNotLinkedError(string message) =>
        message.Contains("not linked", StringComparison.OrdinalIgnoreCase);

    internal static void MarkUnsupported(NativeCompressionType type) => Interlocked.Or(ref _unsupported, Bit(type));

    internal static NativeCompressionType ToNative(RocksDbCompression compression) => compression switch
    {
        RocksDbCompression.None => NativeCompressionType.None,
        RocksDbCompression.Snappy => NativeCompressionType.Snappy,
        RocksDbCompression.Lz4 => NativeCompressionType.Lz4,
        RocksDbCompression.Zstd => NativeCompressionType.Zstd,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Auto has no native equivalent."),
    };

    internal static RocksDbCompression ToPublic(NativeCompressionType type) => type switch
    {
        NativeCompressionType.None => RocksDbCompression.None,
        NativeCompressionType.Snappy => RocksDbCompression.Snappy,
        NativeCompressionType.Lz4 => RocksDbCompression.Lz4,
        NativeCompressionType.Zstd => RocksDbCompression.Zstd,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a compression this binding exposes."),
    };

    private static int Bit(NativeCompressionType type) => 1 << (int)type;
}
