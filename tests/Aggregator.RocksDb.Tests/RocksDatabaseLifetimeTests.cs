using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

/// <summary>Directory locking and what happens when a database is disposed while other objects still use it.</summary>
public sealed class RocksDatabaseLifetimeTests
{
    [Fact]
    public void Open_FailsWithClearMessage_WhenPathAlreadyOpen()
    {
        using var t = new TestDatabase();

        var error = Assert.Throws<RocksDbException>(() => RocksDatabase.Open(t.DbPath, new RocksDbOptions()));

        Assert.Contains("already open", error.Message);
        Assert.Contains(t.DbPath, error.Message);
        Assert.Contains("LOCK", error.Message); // RocksDB's own text is kept
    }

    [Fact]
    public void Open_Succeeds_AfterPreviousInstanceDisposed()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("k"), Utf8("v"));
        t.Db.Dispose();

        using var again = RocksDatabase.Open(t.DbPath, new RocksDbOptions());

        Assert.Equal("v", Text(again.Get(Utf8("k"))));
    }

    [Fact]
    public void Calls_ThrowObjectDisposed_AfterDispose()
    {
        using var t = new TestDatabase();
        t.Db.Dispose();
        t.Db.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => t.Db.Get(Utf8("k")));
        Assert.Throws<ObjectDisposedException>(() => t.Db.Put(Utf8("k"), Utf8("v")));
        Assert.Throws<ObjectDisposedException>(() => t.Db.CreateIterator());
        Assert.Throws<ObjectDisposedException>(() => t.Db.GetLongProperty("rocksdb.estimate-num-keys"));
    }

    [Fact]
    public void Iterator_KeepsWorking_AfterDatabaseDisposed_AndDatabaseClosesWhenIteratorDisposed()
    {
        using var t = new TestDatabase();
        for (var i = 0; i < 100; i++)
        {
            t.Db.Put(Utf8($"k{i:D3}"), Utf8($"v{i}"));
        }

        var iterator = t.Db.CreateIterator();
        iterator.SeekToFirst();
        t.Db.Dispose();

        // The database itself refuses new work at once, although the iterator keeps it open underneath.
        Assert.Throws<ObjectDisposedException>(() => t.Db.Get(Utf8("k001")));
        Assert.Throws<ObjectDisposedException>(() => t.Db.CreateIterator());

        var count = 0;
        for (; iterator.IsValid; iterator.Next())
        {
            Assert.Equal($"k{count:D3}", Text(iterator.Key));
            count++;
        }

        Assert.Equal(100, count);

        // The directory lock is still held: the database is not closed while the iterator lives.
        Assert.Throws<RocksDbException>(() => RocksDatabase.Open(t.DbPath, new RocksDbOptions()));

        iterator.Dispose();
        using var reopened = RocksDatabase.Open(t.DbPath, new RocksDbOptions());
        Assert.Equal("v7", Text(reopened.Get(Utf8("k007"))));
    }

    [Fact]
    public void Batch_StaysUsable_AfterDatabaseDisposed_ButWriteThrows()
    {
        using var t = new TestDatabase();
        using var batch = new RocksWriteBatch();
        batch.Put(Utf8("a"), Utf8("1"));
        t.Db.Dispose();

        batch.Put(Utf8("b"), Utf8("2"));

        Assert.Equal(2, batch.Count);
        Assert.Throws<ObjectDisposedException>(() => t.Db.Write(batch));
    }

    [Fact]
    public void Dispose_WhileOtherThreadsRead_OnlyCausesObjectDisposedExceptions()
    {
        using var t = new TestDatabase();
        for (var i = 0; i < 1_000; i++)
        {
            t.Db.Put(Utf8($"k{i}"), Int64(i));
        }

        t.Db.Flush();
        using var started = new CountdownEvent(4);
        var unexpected = new List<Exception>();
        var readers = Enumerable.Range(0, 4).Select(r => new Thread(() =>
        {
            started.Signal();
            try
            {
                for (var i = 0; ; i++)
                {
                    var key = Utf8($"k{i % 1_000}");
                    t.Db.TryGet(key, static v => ReadInt64(v), out _);
                    using var it = t.Db.CreateIterator();
                    for (it.Seek(key); it.IsValid && it.Key[0] == (byte)'k'; it.Next())
                    {
                        _ = it.Value.Length;
                        if (i % 8 == 0)
                        {
                            break;
                        }
                    }
                }
            }
            catch (ObjectDisposedException)
            {
                // expected once the database is disposed
            }
            catch (Exception e)
            {
                lock (unexpected)
                {
                    unexpected.Add(e);
                }
            }
        })).ToList();
        readers.ForEach(r => r.Start());
        started.Wait();
        Thread.Sleep(50);

        t.Db.Dispose();
        readers.ForEach(r => r.Join());

        Assert.Empty(unexpected);
        using var reopened = RocksDatabase.Open(t.DbPath, new RocksDbOptions()); // closed once they all let go
        Assert.Equal(999, reopened.TryGet(Utf8("k999"), static v => ReadInt64(v), out var last) ? last : -1);
    }
}
