namespace Aggregator.RocksDb.Native;

/// <summary>
/// A reference on a <see cref="DatabaseHandle"/> for the span of one operation: while it is held the
/// database cannot be closed, even if another thread disposes it, so native pointers obtained during the
/// operation (a pinned value that points into the block cache) stay valid until the lease ends.
/// </summary>
internal readonly ref struct DatabaseLease
{
    private readonly DatabaseHandle _handle;

    /// <exception cref="ObjectDisposedException">The handle is already closed.</exception>
    internal DatabaseLease(DatabaseHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added); // either adds the reference or throws
        _handle = handle;
    }

    internal nint Database => _handle.DangerousGetHandle();

    internal nint ReadOptions => _handle.ReadOptions;

    internal nint WriteOptions(bool sync) => _handle.WriteOptions(sync);

    public void Dispose() => _handle.DangerousRelease();
}
