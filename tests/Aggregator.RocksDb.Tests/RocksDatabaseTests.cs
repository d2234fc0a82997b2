using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksDatabaseTests
{
    [Fact]
    public void Get_ReturnsValue_AfterPut()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("k"), Utf8("v1"));

        Assert.Equal("v1", Text(t.Db.Get(Utf8("k"))));
    }

    [Fact]
    public void Get_ReturnsLatestValue_AfterOverwrite()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("k"), Utf8("v1"));
        t.Db.Put(Utf8("k"), Utf8("v2"));

        Assert.Equal("v2", Text(t.Db.Get(Utf8("k"))));
    }

    [Fact]
    public void Get_ReturnsNull_ForMissingKey()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("a"), Utf8("1"));

        Assert.Null(t.Db.Get(Utf8("b")));
    }

    [Fact]
    public void Get_ReturnsEmptyArray_ForEmptyValue()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("k"), ReadOnlySpan<byte>.Empty);

        var value = t.Db.Get(Utf8("k"));

        Assert.NotNull(value);
        Assert.Empty(value);
    }

    [Fact]
    public void Get_ReturnsNull_AfterDelete()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("k"), Utf8("v"));
        t.Db.Delete(Utf8("k"));
        t.Db.Delete(Utf8("never-existed"));

        Assert.Null(t.Db.Get(Utf8("k")));
    }

    [Fact]
    public void Get_ReadsValue_FromSstFileAfterFlush()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("k"), Utf8("flushed"));
        t.Db.Flush();

        Assert.Equal("flushed", Text(t.Db.Get(Utf8("k"))));
    }

    [Fact]
    public void TryGet_DecodesValueInPlace_WhenPresent()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("count"), Int64(42));
        t.Db.Flush(); // read from a block-cache block, not the memtable

        var found = t.Db.TryGet(Utf8("count"), static value => ReadInt64(value), out var count);

        Assert.True(found);
        Assert.Equal(42, count);
    }

    [Fact]
    public void TryGet_ReturnsFalseWithoutCallingReader_WhenMissing()
    {
        using var t = new TestDatabase();
        var calls = 0;

        var found = t.Db.TryGet(Utf8("missing"), value => ++calls, out var result);

        Assert.False(found);
        Assert.Equal(0, result);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void TryGet_PropagatesReaderException_AndDatabaseStaysUsable()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("k"), Utf8("v"));

        Assert.Throws<FormatException>(() =>
            t.Db.TryGet<int>(Utf8("k"), _ => throw new FormatException("bad value"), out _));

        Assert.Equal("v", Text(t.Db.Get(Utf8("k"))));
    }

    [Fact]
    public void Get_ReturnsValue_AfterReopen()
    {
        using var t = new TestDatabase();
        t.Db.Put(Utf8("kept"), Utf8("yes"));
        t.Db.Put(Utf8("gone"), Utf8("no"));
        t.Db.Delete(Utf8("gone"));

        var reopened = t.Reopen();

        Assert.Equal("yes", Text(reopened.Get(Utf8("kept"))));
        Assert.Null(reopened.Get(Utf8("gone")));
    }

    [Fact]
    public void Open_CreatesMissingParentDirectories()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a", "b", "db");

        using var db = RocksDatabase.Open(path, new RocksDbOptions());

        Assert.Equal(path, db.Path);
        Assert.True(File.Exists(Path.Combine(path, "CURRENT")));
    }

    [Fact]
    public void Open_Fails_WhenMissingAndCreateIfMissingIsFalse()
    {
        using var dir = new TempDirectory();
        var path = dir.Sub("absent");

        var error = Assert.Throws<RocksDbException>(() =>
            RocksDatabase.Open(path, new RocksDbOptions { CreateIfMissing = false }));

        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Open_ResolvesRelativePath_ToAbsolute()
    {
        using var dir = new TempDirectory();
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, dir.Sub("db"));

        using var db = RocksDatabase.Open(relative, new RocksDbOptions());

        Assert.Equal(dir.Sub("db"), db.Path);
    }
}
