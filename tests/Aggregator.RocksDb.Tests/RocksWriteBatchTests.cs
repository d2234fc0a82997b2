using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksWriteBatchTests : IDisposable
{
    private readonly TestDatabase _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Write_AppliesPutsAndDeletes_OnlyWhenWritten()
    {
        _t.Db.Put(Utf8("old"), Utf8("x"));
        using var batch = new RocksWriteBatch();
        batch.Put(Utf8("new1"), Utf8("1"));
        batch.Put(Utf8("new2"), Utf8("2"));
        batch.Delete(Utf8("old"));

        Assert.Null(_t.Db.Get(Utf8("new1")));
        Assert.NotNull(_t.Db.Get(Utf8("old")));

        _t.Db.Write(batch, sync: true);

        Assert.Equal(["new1", "new2"], AllKeys(_t.Db));
    }

    [Fact]
    public void Write_IsAtomic_ForConcurrentSnapshotReaders()
    {
        // Invariant kept by every batch: exactly 10 "acct/" keys whose values sum to 1,000. Each batch
        // deletes one account and moves its balance to a new one, so a reader seeing a half-applied batch
        // would count 9 or 11 keys or a wrong sum.
        const int accounts = 10;
        using (var seed = new RocksWriteBatch())
        {
            for (var i = 0; i < accounts; i++)
            {
                seed.Put(Utf8($"acct/{i:D6}"), Int64(100));
            }

            _t.Db.Write(seed);
        }

        var done = 0;
        var violations = new List<string>();
        var snapshots = 0;
        var reader = new Thread(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                var (count, sum) = CountAndSum(_t.Db);
                snapshots++;
                if (count != accounts || sum != 1_000)
                {
                    violations.Add($"count {count}, sum {sum}");
                }
            }
        });
        reader.Start();

        using var batch = new RocksWriteBatch();
        for (var round = 0; round < 5_000; round++)
        {
            batch.Clear();
            var oldest = Utf8($"acct/{round:D6}");
            var balance = ReadInt64(_t.Db.Get(oldest));
            batch.Delete(oldest);
            batch.Put(Utf8($"acct/{round + accounts:D6}"), Int64(balance - 7));
            batch.Put(Utf8($"acct/{round + 1:D6}"), Int64(ReadInt64(_t.Db.Get(Utf8($"acct/{round + 1:D6}"))) + 7));
            _t.Db.Write(batch);
        }

        Volatile.Write(ref done, 1);
        reader.Join();

        Assert.Empty(violations);
        Assert.True(snapshots > 0);
        Assert.Equal((accounts, 1_000L), CountAndSum(_t.Db));
    }

    [Fact]
    public void DeleteRange_RemovesExactlyTheHalfOpenRange()
    {
        foreach (var key in new[] { "w/0009", "w/0010", "w/0010/x", "w/0015", "w/0019", "w/0020", "w/0021" })
        {
            _t.Db.Put(Utf8(key), Utf8("v"));
        }

        _t.Db.Flush(); // some keys in an SST, some in the memtable: the tombstone must cover both
        _t.Db.Put(Utf8("w/0012"), Utf8("v"));
        using var batch = new RocksWriteBatch();
        batch.DeleteRange(Utf8("w/0010"), Utf8("w/0020"));
        _t.Db.Write(batch);

        Assert.Equal(["w/0009", "w/0020", "w/0021"], AllKeys(_t.Db));
        Assert.Null(_t.Db.Get(Utf8("w/0010")));
        Assert.NotNull(_t.Db.Get(Utf8("w/0020")));

        _t.Db.CompactRange(default, default);
        Assert.Equal(["w/0009", "w/0020", "w/0021"], AllKeys(_t.Reopen()));
    }

    [Fact]
    public void DeleteRange_WithEqualBounds_DeletesNothing()
    {
        _t.Db.Put(Utf8("k"), Utf8("v"));
        using var batch = new RocksWriteBatch();
        batch.DeleteRange(Utf8("k"), Utf8("k"));
        _t.Db.Write(batch);
        _t.Db.Flush();
        _t.Db.CompactRange(default, default);

        Assert.Equal("v", Text(_t.Db.Get(Utf8("k"))));
    }

    [Fact]
    public void DeleteRange_Throws_WhenBeginSortsAfterEnd()
    {
        using var batch = new RocksWriteBatch();

        Assert.Throws<ArgumentException>(() => batch.DeleteRange(Utf8("b"), Utf8("a")));
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void CountAndDataSize_TrackOperations_AndClearResetsThem()
    {
        using var batch = new RocksWriteBatch();
        var empty = batch.DataSizeBytes;
        batch.Put(Utf8("key"), new byte[100]);
        batch.Delete(Utf8("other"));
        batch.DeleteRange(Utf8("a"), Utf8("b"));

        Assert.Equal(3, batch.Count);
        Assert.True(batch.DataSizeBytes > empty + 100);

        batch.Clear();

        Assert.Equal(0, batch.Count);
        Assert.Equal(empty, batch.DataSizeBytes);
    }

    [Fact]
    public void Batch_CanBeWrittenAgain_AfterClear()
    {
        using var batch = new RocksWriteBatch();
        batch.Put(Utf8("a"), Utf8("1"));
        _t.Db.Write(batch);
        batch.Clear();
        batch.Put(Utf8("b"), Utf8("2"));
        _t.Db.Write(batch);

        Assert.Equal(["a", "b"], AllKeys(_t.Db));
    }

    [Fact]
    public void Calls_ThrowObjectDisposed_AfterDispose()
    {
        var batch = new RocksWriteBatch();
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.Put(Utf8("a"), Utf8("1")));
        Assert.Throws<ObjectDisposedException>(() => batch.Count);
        Assert.Throws<ObjectDisposedException>(() => _t.Db.Write(batch));
    }

    private static (int Count, long Sum) CountAndSum(RocksDatabase db)
    {
        using var it = db.CreateIterator(Utf8("acct/"), Utf8("acct0"));
        var count = 0;
        var sum = 0L;
        for (it.SeekToFirst(); it.IsValid; it.Next())
        {
            count++;
            sum += ReadInt64(it.Value);
        }

        it.ThrowIfError();
        return (count, sum);
    }
}
