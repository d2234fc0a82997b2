using Aggregator.RocksDb.Native;
using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksDatabaseCompressionTests
{
    [Fact]
    public void Auto_PicksASupportedCompression_AndReopenKeepsData()
    {
        using var t = new TestDatabase(new RocksDbOptions { Compression = RocksDbCompression.Auto });

        Assert.NotEqual(RocksDbCompression.Auto, t.Db.Compression);
        Assert.Contains(t.Db.Compression, new[] { RocksDbCompression.Lz4, RocksDbCompression.Snappy, RocksDbCompression.None });
        t.Db.Put(Utf8("k"), new byte[4_096]);
        t.Db.Flush();

        var reopened = t.Reopen();

        Assert.Equal(4_096, reopened.Get(Utf8("k"))!.Length);
        Assert.Equal(t.Db.Compression, reopened.Compression);
    }

    [Fact]
    public void Auto_SkipsACompressionTheLibraryRejects()
    {
        // Xpress is Windows-only, so RocksDB rejects it at open with its real "not linked" error.
        using var dir = new TempDirectory();
        var options = new RocksDbOptions { Compression = RocksDbCompression.Auto };

        using var db = RocksDatabase.Open(dir.Sub("db"), options, [NativeCompressionType.Xpress, NativeCompressionType.None]);

        Assert.Equal(RocksDbCompression.None, db.Compression);
        db.Put(Utf8("k"), Utf8("v"));
        Assert.Equal("v", Text(db.Get(Utf8("k"))));
    }

    [Fact]
    public void Auto_Fails_WhenNoCandidateIsSupported()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<RocksDbException>(() =>
            RocksDatabase.Open(dir.Sub("db"), new RocksDbOptions(), [NativeCompressionType.Xpress]));

        Assert.Contains("none of the compression types", error.Message);
    }

    [Theory]
    [InlineData(RocksDbCompression.None)]
    [InlineData(RocksDbCompression.Snappy)]
    [InlineData(RocksDbCompression.Lz4)]
    [InlineData(RocksDbCompression.Zstd)]
    public void ExplicitCompression_IsUsed_WhenTheLibrarySupportsIt(RocksDbCompression compression)
    {
        // Debian's librocksdb7.8 links snappy, lz4 and zstd; another build may not, and then Open must say so.
        using var dir = new TempDirectory();
        RocksDatabase db;
        try
        {
            db = RocksDatabase.Open(dir.Sub("db"), new RocksDbOptions { Compression = compression });
        }
        catch (RocksDbException e)
        {
            Assert.Contains("not linked", e.Message);
            return;
        }

        using (db)
        {
            Assert.Equal(compression, db.Compression);
            db.Put(Utf8("k"), new byte[1_000]);
            db.Flush();
            Assert.Equal(1_000, db.Get(Utf8("k"))!.Length);
        }
    }
}
