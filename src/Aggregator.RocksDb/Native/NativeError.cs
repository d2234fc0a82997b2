using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

/// <summary>
/// Turns RocksDB's <c>char** errptr</c> convention into exceptions. RocksDB strdup()s the message, so every
/// non-null error must be freed exactly once with <c>rocksdb_free</c>: <see cref="TakeMessage"/> does both.
/// </summary>
internal static class NativeError
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ThrowIfSet(nint error)
    {
        if (error != 0)
        {
            Throw(error);
        }
    }

    /// <summary>Reads and frees the message.</summary>
    internal static string TakeMessage(nint error)
    {
        try
        {
            return Marshal.PtrToStringUTF8(error) ?? "unknown RocksDB error";
        }
        finally
        {
            RocksDbNative.Free(error);
        }
    }

    // Kept out of ThrowIfSet so the hot path stays small enough to inline.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(nint error) => throw new RocksDbException(TakeMessage(error));
}
