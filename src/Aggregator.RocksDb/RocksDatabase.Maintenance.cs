using System.Runtime.InteropServices;
using Aggregator.RocksDb.Native;

namespace Aggregator.RocksDb;

// Operations outside the read/write path: checkpoints, flush, compaction, properties.
public sealed unsafe partial class RocksDatabase
{
    /// <summary>
    /// Writes a consistent, openable copy of the database to <paramref name="directory"/>, which must not
    /// exist yet. SST files are hard-linked when on the same filesystem, so this is cheap; memtables are
    /// flushed first so the copy holds every write acknowledged before the call.
    /// </summary>
    public void CreateCheckpoint(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var fullPath = System.IO.Path.GetFullPath(directory);
        if (System.IO.Path.GetDirectoryName(fullPath) is { } parent)
        {
            Directory.CreateDirectory(parent);
        }

        using var db = Lease();
        nint error = 0;
        var checkpoint = RocksDbNative.CheckpointObjectCreate(db.Database, &error);
        NativeError.ThrowIfSet(error);
        try
        {
            // log_size_for_flush 0: always flush, so the checkpoint needs no WAL replay.
            RocksDbNative.CheckpointCreate(checkpoint, fullPath, 0, &error);
        }
        finally
        {
            RocksDbNative.CheckpointObjectDestroy(checkpoint);
        }

        if (error != 0)
        {
            throw new RocksDbException($"Cannot create checkpoint at '{fullPath}': {NativeError.TakeMessage(error)}");
        }
    }

    /// <summary>Flushes all memtables to SST files and waits for it.</summary>
    public void Flush()
    {
        using var db = Lease();
        var flushOptions = RocksDbNative.FlushOptionsCreate();
        nint error = 0;
        try
        {
            RocksDbNative.FlushOptionsSetWait(flushOptions, 1);
            RocksDbNative.Flush(db.Database, flushOptions, &error);
        }
        finally
        {
            RocksDbNative.FlushOptionsDestroy(flushOptions);
        }

        NativeError.ThrowIfSet(error);
    }

    /// <summary>
    /// Compacts [<paramref name="begin"/>, <paramref name="end"/>) and waits for it; an empty bound means
    /// unbounded on that side, so <c>CompactRange(default, default)</c> compacts everything. Physically drops
    /// deleted and overwritten data, range deletions included.
    /// </summary>
    public void CompactRange(ReadOnlySpan<byte> begin, ReadOnlySpan<byte> end)
    {
        using var db = Lease();

        // fixed yields a null pointer for an empty span, which is how c.h spells "unbounded".
        fixed (byte* b = begin)
        fixed (byte* e = end)
        {
            RocksDbNative.CompactRange(db.Database, b, (nuint)begin.Length, e, (nuint)end.Length);
        }
    }

    /// <summary>A RocksDB property (e.g. "rocksdb.stats"), or null when RocksDB does not know it.</summary>
    public string? GetProperty(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var db = Lease();
        var value = RocksDbNative.PropertyValue(db.Database, name);
        if (value == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            RocksDbNative.Free(value);
        }
    }

    /// <summary>
    /// An integer property, e.g. "rocksdb.estimate-num-keys", "rocksdb.cur-size-all-mem-tables",
    /// "rocksdb.estimate-table-readers-mem", "rocksdb.total-sst-files-size"; null when unknown or not an integer.
    /// </summary>
    public long? GetLongProperty(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var db = Lease();
        ulong value;
        return RocksDbNative.PropertyInt(db.Database, name, &value) == 0 ? (long)value : null;
    }
}
