using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

/// <summary>
/// Decides which librocksdb this assembly's <see cref="LibraryImportAttribute"/> declarations bind to.
/// </summary>
/// <remarks>
/// The default probing would look for "rocksdb" / "librocksdb.so", and the unversioned librocksdb.so only
/// comes with the -dev package, which production containers do not have. Distributions ship the runtime
/// library under a versioned soname (Debian 12: librocksdb.so.7.8), so we probe a short list of those.
/// Every function we import is in the C API since RocksDB 7, so any of these versions works.
/// </remarks>
internal static class RocksDbNativeLibrary
{
    internal const string ImportName = "rocksdb";

    internal const string InstallHint = "apt-get install librocksdb7.8";

    // Newest-known first within each family, the version we test against (Debian 12) first of all.
    internal static readonly string[] Candidates =
    [
        "librocksdb.so.7.8",
        "librocksdb.so.8",
        "librocksdb.so.9",
        "librocksdb.so.10",
        "librocksdb.so.7",
        "librocksdb.so",
    ];

    private static readonly Lazy<IntPtr> Handle = new(() => Load(Candidates));
    private static int _installed;

    /// <summary>The soname that was loaded, once a RocksDB call has been made.</summary>
    internal static string? LoadedFrom { get; private set; }

    // CA2255: module initializers are meant for applications, but this is exactly the case they exist
    // for: the resolver must be in place before the first P/Invoke, whichever of our types runs first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(RocksDbNativeLibrary).Assembly, Resolve);
        }
    }

    /// <summary>Loads the first candidate that exists, or explains what to install.</summary>
    internal static IntPtr Load(IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                LoadedFrom = candidate;
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"Could not load the RocksDB native library; tried {string.Join(", ", candidates)}. " +
            $"Install the runtime package (Debian/Ubuntu: '{InstallHint}') or put one of these on the library path.");
    }

    // Lazy caches the exception too: a library that was missing at first use is not retried on every call.
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == ImportName ? Handle.Value : IntPtr.Zero;
}
