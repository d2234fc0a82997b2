using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

/// <summary>
/// <see cref="LibraryImportAttribute"/> declarations for exactly the parts of rocksdb/c.h this binding uses,
/// split by area over the RocksDbNative.*.cs files. Keys and values are passed as pinned pointers plus
/// lengths, never marshalled copies; errors come back through <c>char** errptr</c> (see <see cref="NativeError"/>).
/// </summary>
internal static unsafe partial class RocksDbNative
{
    private const string Lib = RocksDbNativeLibrary.ImportName;

    /// <summary>Frees any buffer RocksDB malloc()ed for us: error strings, property values.</summary>
    [LibraryImport(Lib, EntryPoint = "rocksdb_free")]
    internal static partial void Free(nint ptr);
}
