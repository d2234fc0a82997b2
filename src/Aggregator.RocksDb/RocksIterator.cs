using Aggregator.RocksDb.Native;

namespace Aggregator.RocksDb;

/// <summary>
/// A cursor over a consistent view of a <see cref="RocksDatabase"/>, within the bounds it was created with.
/// Created unpositioned: call <see cref="SeekToFirst"/>, <see cref="SeekToLast"/>, <see cref="Seek"/> or
/// <see cref="SeekForPrev"/> first, then check <see cref="IsValid"/> after every move.
/// </summary>
/// <remarks>
/// <see cref="Key"/> and <see cref="Value"/> point into RocksDB's memory: they are valid until the next move
/// or <see cref="Dispose"/>, so copy what must outlive that. When the iterator stops being valid, call
/// <see cref="ThrowIfError"/> to tell the end of the range from an I/O or corruption error.
/// Not thread-safe: use one iterator per thread. Keeps the database open until disposed.
/// </remarks>
public sealed unsafe class RocksIterator : IDisposable
{
    private readonly IteratorHandle _handle;
    private bool _valid;
    private bool _disposed; // not _handle.IsClosed, which lags while a call holds a reference

    internal RocksIterator(IteratorHandle handle) => _handle = handle;

    /// <summary>Whether the iterator is positioned on an entry (cached after each move, so cheap).</summary>
    public bool IsValid => _valid;

    /// <summary>The current key; valid until the next move or dispose.</summary>
    public ReadOnlySpan<byte> Key
    {
        get
        {
            ThrowIfNotPositioned();
            nuint length;
            var key = RocksDbNative.IterKey(_handle, &length);
            return new ReadOnlySpan<byte>(key, checked((int)length));
        }
    }

    /// <summary>The current value; valid until the next move or dispose.</summary>
    public ReadOnlySpan<byte> Value
    {
        get
        {
            ThrowIfNotPositioned();
            nuint length;
            var value = RocksDbNative.IterValue(_handle, &length);
            return new ReadOnlySpan<byte>(value, checked((int)length));
        }
    }

    public void SeekToFirst()
    {
        RocksDbNative.IterSeekToFirst(Handle);
        UpdateValid();
    }

    public void SeekToLast()
    {
        RocksDbNative.IterSeekToLast(Handle);
        UpdateValid();
    }

    /// <summary>Positions on the first key at or after <paramref name="key"/>.</summary>
    public void Seek(ReadOnlySpan<byte> key)
    {
        var handle = Handle;
        fixed (byte* k = key)
        {
            RocksDbNative.IterSeek(handle, k, (nuint)key.Length);
        }

        UpdateValid();
    }

    /// <summary>Positions on the last key at or before <paramref name="key"/>.</summary>
    public void SeekForPrev(ReadOnlySpan<byte> key)
    {
        var handle = Handle;
        fixed (byte* k = key)
        {
            RocksDbNative.IterSeekForPrev(handle, k, (nuint)key.Length);
        }

        UpdateValid();
    }

    /// <exception cref="InvalidOperationException">Not positioned on an entry (RocksDB does not allow it).</exception>
    public void Next()
    {
        ThrowIfNotPositioned();
        RocksDbNative.IterNext(_handle);
        UpdateValid();
    }

    /// <exception cref="InvalidOperationException">Not positioned on an entry (RocksDB does not allow it).</exception>
    public void Prev()
    {
        ThrowIfNotPositioned();
        RocksDbNative.IterPrev(_handle);
        UpdateValid();
    }

    /// <summary>Throws a <see cref="RocksDbException"/> if iteration stopped because of an error rather than the end.</summary>
    public void ThrowIfError()
    {
        nint error = 0;
        RocksDbNative.IterGetError(Handle, &error);
        NativeError.ThrowIfSet(error);
    }

    public void Dispose()
    {
        _valid = false;
        _disposed = true;
        _handle.Dispose();
    }

    private IteratorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    private void UpdateValid() => _valid = RocksDbNative.IterValid(_handle) != 0;

    private void ThrowIfNotPositioned()
    {
        if (!_valid)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            throw new InvalidOperationException("The iterator is not positioned on an entry; check IsValid after every move.");
        }
    }
}
