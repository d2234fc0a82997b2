using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksDbCacheTests
{
    [Fact]
    public void Capacity_IsWhatWasAskedFor_AndUsageStartsEmpty()
    {
        using var cache = new RocksDbCache(32L << 20);

        Assert.Equal(32L << 20, cache.Capacity);
        Assert.Equal(0, cache.Usage);
        Assert.Equal(0, cache.PinnedUsage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_RejectsNonPositiveCapacity(long capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RocksDbCache(capacity));

    [Fact]
    public void SharedCache_HoldsBlocksOfBothDatabases_AfterReads()
    {
        using var cache = new RocksDbCache(64L << 20);
        var options = new RocksDbOptions { BlockCache = cache };
        using var first = new TestDatabase(options);
        using var second = new TestDatabase(options);
        Fill(first.Db, "first");
        Fill(second.Db, "second");

        ReadAll(first.Db, "first");
        var afterFirst = cache.Usage;
        ReadAll(second.Db, "second");
        var afterBoth = cache.Usage;

        Assert.True(afterFirst > 0, "reads of the first database should load blocks into the shared cache");
        Assert.True(afterBoth > afterFirst, $"the second database's blocks should add to the same cache ({afterFirst} -> {afterBoth})");
        Assert.True(afterBoth <= cache.Capacity);
    }

    [Fact]
    public void Usage_StaysNearCapacity_WhenDataIsLargerThanCache()
    {
        using var cache = new RocksDbCache(256 * 1024);
        using var t = new TestDatabase(new RocksDbOptions { BlockCache = cache, Compression = RocksDbCompression.None });
        Fill(t.Db, "k", count: 5_000, valueSize: 500); // ~2.5 MB of blocks

        ReadAll(t.Db, "k", count: 5_000);

        // Not strict: RocksDB may overshoot by the blocks in use, but not by the data size.
        Assert.InRange(cache.Usage, 1, 2 * cache.Capacity);
    }

    [Fact]
    public void Database_KeepsWorking_AfterItsCacheIsDisposed()
    {
        var cache = new RocksDbCache(8L << 20);
        using var t = new TestDatabase(new RocksDbOptions { BlockCache = cache });
        Fill(t.Db, "k");
        cache.Dispose();

        ReadAll(t.Db, "k");

        Assert.Throws<ObjectDisposedException>(() => cache.Usage);
    }

    private static void Fill(RocksDatabase db, string prefix, int count = 2_000, int valueSize = 100)
    {
        var value = new byte[valueSize];
        using var batch = new RocksWriteBatch();
        for (var i = 0; i < count; i++)
        {
            batch.Put(Utf8($"{prefix}-{i:D6}"), value);
        }

        db.Write(batch);
        db.Flush(); // reads must come from SST blocks, which is what the block cache holds
    }

    private static void ReadAll(RocksDatabase db, string prefix, int count = 2_000)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.NotNull(db.Get(Utf8($"{prefix}-{i:D6}")));
        }
    }
}
