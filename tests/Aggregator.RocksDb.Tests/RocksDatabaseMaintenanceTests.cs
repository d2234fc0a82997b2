using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

/// <summary>Checkpoints, flush, compaction and properties.</summary>
public sealed class RocksDatabaseMaintenanceTests : IDisposable
{
    private readonly TestDatabase _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void CreateCheckpoint_OpensAsDatabase_WithDataAtCheckpointTimeOnly()
    {
        _t.Db.Put(Utf8("flushed"), Utf8("1"));
        _t.Db.Flush();
        _t.Db.Put(Utf8("in-memtable"), Utf8("2"));
        var checkpoint = _t.Directory.Sub("backups/cp1");

        _t.Db.CreateCheckpoint(checkpoint);
        _t.Db.Put(Utf8("after"), Utf8("3"));
        _t.Db.Delete(Utf8("flushed"));

        using var copy = RocksDatabase.Open(checkpoint, new RocksDbOptions { CreateIfMissing = false });
        Assert.Equal(["flushed", "in-memtable"], AllKeys(copy));
        Assert.Equal(["after", "in-memtable"], AllKeys(_t.Db));
    }

    [Fact]
    public void CreateCheckpoint_Fails_WhenDirectoryExists()
    {
        var existing = _t.Directory.Sub("exists");
        Directory.CreateDirectory(existing);

        var error = Assert.Throws<RocksDbException>(() => _t.Db.CreateCheckpoint(existing));

        Assert.Contains(existing, error.Message);
    }

    [Fact]
    public void Flush_MovesMemtableIntoSstFiles()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _t.Db.Put(Utf8($"key-{i:D5}"), new byte[100]);
        }

        Assert.True(_t.Db.GetLongProperty("rocksdb.cur-size-all-mem-tables") > 100_000);
        Assert.Equal(0, _t.Db.GetLongProperty("rocksdb.total-sst-files-size"));

        _t.Db.Flush();

        Assert.True(_t.Db.GetLongProperty("rocksdb.total-sst-files-size") > 0);
        Assert.Equal(0, _t.Db.GetLongProperty("rocksdb.num-entries-active-mem-table"));
    }

    [Fact]
    public void LongProperties_ReturnNumbers()
    {
        for (var i = 0; i < 500; i++)
        {
            _t.Db.Put(Utf8($"key-{i:D5}"), Utf8("value"));
        }

        _t.Db.Flush();

        Assert.InRange(_t.Db.GetLongProperty("rocksdb.estimate-num-keys")!.Value, 400, 600);
        Assert.True(_t.Db.GetLongProperty("rocksdb.cur-size-all-mem-tables") > 0); // an empty memtable has a size too
        Assert.NotNull(_t.Db.GetLongProperty("rocksdb.estimate-table-readers-mem"));
        Assert.True(_t.Db.GetLongProperty("rocksdb.total-sst-files-size") > 0);
    }

    [Fact]
    public void Properties_ReturnNull_WhenUnknownOrNotAnInteger()
    {
        Assert.Null(_t.Db.GetProperty("rocksdb.no-such-property"));
        Assert.Null(_t.Db.GetLongProperty("rocksdb.no-such-property"));
        Assert.Null(_t.Db.GetLongProperty("rocksdb.stats"));
    }

    [Fact]
    public void GetProperty_ReturnsText()
    {
        Assert.Contains("Uptime", _t.Db.GetProperty("rocksdb.stats"));
        Assert.Equal("0", _t.Db.GetProperty("rocksdb.num-immutable-mem-table"));
    }

    [Fact]
    public void CompactRange_DropsDeletedData()
    {
        var value = new byte[1_000];
        Random.Shared.NextBytes(value); // incompressible
        for (var i = 0; i < 2_000; i++)
        {
            _t.Db.Put(Utf8($"key-{i:D5}"), value);
        }

        _t.Db.Flush();
        var full = _t.Db.GetLongProperty("rocksdb.total-sst-files-size")!.Value;
        using (var batch = new RocksWriteBatch())
        {
            batch.DeleteRange(Utf8("key-00000"), Utf8("key-01900"));
            _t.Db.Write(batch);
        }

        _t.Db.CompactRange(default, default);

        var compacted = _t.Db.GetLongProperty("rocksdb.total-sst-files-size")!.Value;
        Assert.True(compacted < full / 5, $"{compacted} bytes after compaction, {full} before");
        Assert.Equal(100, AllKeys(_t.Db).Count);
    }

    [Fact]
    public void CompactRange_WithBounds_KeepsData()
    {
        _t.Db.Put(Utf8("a"), Utf8("1"));
        _t.Db.Put(Utf8("m"), Utf8("2"));
        _t.Db.Flush();

        _t.Db.CompactRange(Utf8("a"), Utf8("b"));
        _t.Db.CompactRange(default, Utf8("n"));

        Assert.Equal(["a", "m"], AllKeys(_t.Db));
    }
}
