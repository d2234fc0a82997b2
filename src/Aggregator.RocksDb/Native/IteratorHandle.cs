using System.Runtime.InteropServices;

namespace Aggregator.RocksDb.Native;

/// <summary>
/// Owns a <c>rocksdb_iterator_t*</c>, the read options it was created with and the native copy of its
/// bounds, and holds a reference on the database until released, so the database closes only after
/// the iterator is gone, however the two are disposed.
/// </summary>
internal sealed unsafe class IteratorHandle : SafeHandle
{
    private readonly DatabaseHandle _database;
    private readonly nint _readOptions;
    private readonly byte* _bounds;

    private IteratorHandle(nint iterator, DatabaseHandle database, nint readOptions, byte* bounds)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        _database = database;
        _readOptions = readOptions;
        _bounds = bounds;
        SetHandle(iterator);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Creates an iterator; an empty bound means unbounded on that side.</summary>
    internal static IteratorHandle Create(DatabaseHandle database, ReadOnlySpan<byte> lowerBound, ReadOnlySpan<byte> upperBound)
    {
        var addedRef = false;
        nint readOptions = 0;
        byte* bounds = null;
        try
        {
            database.DangerousAddRef(ref addedRef);

            // RocksDB keeps pointers to the bound bytes (through the read options) for the iterator's whole
            // life, so they are copied once into native memory that this handle frees after the iterator.
            var boundsLength = lowerBound.Length + upperBound.Length;
            if (boundsLength > 0)
            {
                bounds = (byte*)NativeMemory.Alloc((nuint)boundsLength);
                lowerBound.CopyTo(new Span<byte>(bounds, lowerBound.Length));
                upperBound.CopyTo(new Span<byte>(bounds + lowerBound.Length, upperBound.Length));
            }

            readOptions = RocksDbNative.ReadOptionsCreate();
            if (!lowerBound.IsEmpty)
            {
                RocksDbNative.ReadOptionsSetIterateLowerBound(readOptions, bounds, (nuint)lowerBound.Length);
            }

            if (!upperBound.IsEmpty)
            {
                RocksDbNative.ReadOptionsSetIterateUpperBound(readOptions, bounds + lowerBound.Length, (nuint)upperBound.Length);
            }

            var iterator = RocksDbNative.CreateIterator(database.DangerousGetHandle(), readOptions);
            return new IteratorHandle(iterator, database, readOptions, bounds);
        }
        catch
        {
            if (readOptions != 0)
            {
                RocksDbNative.ReadOptionsDestroy(readOptions);
            }

            NativeMemory.Free(bounds);
            if (addedRef)
            {
                database.DangerousRelease();
            }

            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        // Order matters: the iterator points into the read options, which point into the bounds.
        RocksDbNative.IterDestroy(handle);
        RocksDbNative.ReadOptionsDestroy(_readOptions);
        NativeMemory.Free(_bounds);
        _database.DangerousRelease();
        return true;
    }
}
