using System.Diagnostics.CodeAnalysis;
using Aggregator.RocksDb.Native;

namespace Aggregator.RocksDb;

/// <summary>
/// One open RocksDB database (default column family only).
/// </summary>
/// <remarks>
/// <para>Thread-safe: gets, puts, deletes, batch writes and iterator creation may run on several threads
/// at once, as RocksDB allows. Each <see cref="RocksIterator"/> and <see cref="RocksWriteBatch"/> is for one
/// thread at a time.</para>
/// <para>Lifetime: <see cref="Dispose"/> may be called while iterators are open or calls are running on
/// other threads. New calls then throw <see cref="ObjectDisposedException"/>; the database actually closes
/// (and releases its directory lock) when the last running call returns and the last iterator is disposed.</para>
/// </remarks>
public sealed unsafe partial class RocksDatabase : IDisposable
{
    private readonly DatabaseHandle _handle;

    // Our own flag, not SafeHandle.IsClosed: a SafeHandle only counts as closed once its last reference is
    // released, so with readers busy on other threads it could stay open (and accept new calls) indefinitely.
    private volatile bool _disposed;

    private RocksDatabase(DatabaseHandle handle, string path, RocksDbCompression compression)
    {
        _handle = handle;
        Path = path;
        Compression = compression;
    }

    /// <summary>Absolute path of the database directory.</summary>
    public string Path { get; }

    /// <summary>The compression new SST files get; with <see cref="RocksDbCompression.Auto"/>, the one chosen.</summary>
    public RocksDbCompression Compression { get; }

    /// <summary>Returns a copy of the value, or null when the key is absent.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        using var db = Lease();
        var slice = GetPinned(db, key);
        if (slice == 0)
        {
            return null;
        }

        try
        {
            return PinnedValue(slice).ToArray();
        }
        finally
        {
            RocksDbNative.PinnableSliceDestroy(slice);
        }
    }

    /// <summary>
    /// Decodes the value in place with <paramref name="reader"/>, without copying it to managed memory.
    /// Returns false (and does not call the reader) when the key is absent.
    /// </summary>
    public bool TryGet<T>(ReadOnlySpan<byte> key, RocksValueReader<T> reader, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var db = Lease();
        var slice = GetPinned(db, key);
        if (slice == 0)
        {
            value = default;
            return false;
        }

        try
        {
            value = reader(PinnedValue(slice));
            return true;
        }
        finally
        {
            RocksDbNative.PinnableSliceDestroy(slice);
        }
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        using var db = Lease();
        nint error = 0;
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.Put(db.Database, db.WriteOptions(sync: false), k, (nuint)key.Length, v, (nuint)value.Length, &error);
        }

        NativeError.ThrowIfSet(error);
    }

    /// <summary>Deletes the key; deleting an absent key is not an error.</summary>
    public void Delete(ReadOnlySpan<byte> key)
    {
        using var db = Lease();
        nint error = 0;
        fixed (byte* k = key)
        {
            RocksDbNative.Delete(db.Database, db.WriteOptions(sync: false), k, (nuint)key.Length, &error);
        }

        NativeError.ThrowIfSet(error);
    }

    /// <summary>
    /// Applies the batch atomically: readers see all of it or none of it. <paramref name="sync"/> fsyncs the
    /// WAL before returning (survives a machine crash, not only a process crash). The batch is not cleared.
    /// </summary>
    public void Write(RocksWriteBatch batch, bool sync = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var db = Lease();
        nint error = 0;
        RocksDbNative.Write(db.Database, db.WriteOptions(sync), batch.Handle, &error);
        NativeError.ThrowIfSet(error);
    }

    /// <summary>
    /// Creates an iterator over a consistent view of the database as of now, limited to
    /// [<paramref name="lowerBound"/>, <paramref name="upperBound"/>). An empty bound means unbounded on that
    /// side. The iterator starts unpositioned: call a Seek method first. It keeps the database open until disposed.
    /// </summary>
    public RocksIterator CreateIterator(ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new RocksIterator(IteratorHandle.Create(_handle, lowerBound, upperBound));
    }

    /// <summary>Closes the database once running calls return and open iterators are disposed.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private DatabaseLease Lease()
    {
        // A call racing with Dispose may pass this check; its lease then either keeps the database open
        // until it finishes or, if the database already closed, throws ObjectDisposedException itself.
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new DatabaseLease(_handle);
    }

    // Pinned: the value stays where RocksDB has it (block cache or memtable copy) instead of being
    // malloc()ed and copied by rocksdb_get. The caller destroys the slice while still holding the lease.
    private static nint GetPinned(in DatabaseLease db, ReadOnlySpan<byte> key)
    {
        nint error = 0;
        nint slice;
        fixed (byte* k = key)
        {
            slice = RocksDbNative.GetPinned(db.Database, db.ReadOptions, k, (nuint)key.Length, &error);
        }

        NativeError.ThrowIfSet(error);
        return slice;
    }

    private static ReadOnlySpan<byte> PinnedValue(nint slice)
    {
        nuint length;
        var value = RocksDbNative.PinnableSliceValue(slice, &length);
        return new ReadOnlySpan<byte>(value, checked((int)length));
    }
}
