using Aggregator.RocksDb.Native;

namespace Aggregator.RocksDb;

public sealed unsafe partial class RocksDatabase
{
    /// <summary>
    /// Opens (by default creating) the database in <paramref name="path"/>. A path can be open in one
    /// <see cref="RocksDatabase"/> at a time, in this process or any other: RocksDB locks the directory.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="RocksDbException">RocksDB refused to open, e.g. the directory is locked.</exception>
    public static RocksDatabase Open(string path, RocksDbOptions options) =>
        Open(path, options, CompressionProbe.AutoPreference);

    /// <summary>Tests pass their own Auto preference to exercise the fallback.</summary>
    internal static RocksDatabase Open(string path, RocksDbOptions options, IReadOnlyList<NativeCompressionType> autoPreference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var fullPath = System.IO.Path.GetFullPath(path);
        if (options.CreateIfMissing)
        {
            // RocksDB creates the database directory but not its parents.
            Directory.CreateDirectory(fullPath);
        }

        using var native = NativeOpenOptions.From(options);
        foreach (var compression in CompressionProbe.Candidates(options.Compression, autoPreference))
        {
            native.SetCompression(compression);
            nint error = 0;
            var database = RocksDbNative.Open(native.Pointer, fullPath, &error);
            if (error == 0)
            {
                return new RocksDatabase(new DatabaseHandle(database), fullPath, CompressionProbe.ToPublic(compression));
            }

            var message = NativeError.TakeMessage(error);
            if (options.Compression == RocksDbCompression.Auto && CompressionProbe.IsNotLinkedError(message))
            {
                CompressionProbe.MarkUnsupported(compression);
                continue;
            }

            throw OpenFailed(fullPath, message);
        }

        throw new RocksDbException(
            $"Cannot open RocksDB database at '{fullPath}': none of the compression types tried is supported by the loaded librocksdb.");
    }

    private static RocksDbException OpenFailed(string path, string message)
    {
        // RocksDB's own text for this ("lock hold by current process" / "While lock file: .../LOCK") does not
        // say what to do about it.
        if (message.Contains("LOCK", StringComparison.Ordinal))
        {
            return new RocksDbException(
                $"Cannot open RocksDB database at '{path}': it is already open, in this process or another. " +
                $"Only one RocksDatabase may hold a path; dispose the other one and its iterators first. RocksDB said: {message}");
        }

        return new RocksDbException($"Cannot open RocksDB database at '{path}': {message}");
    }
}
