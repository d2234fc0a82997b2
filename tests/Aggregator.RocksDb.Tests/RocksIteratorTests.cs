using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksIteratorTests : IDisposable
{
    private readonly TestDatabase _t = new();

    public RocksIteratorTests()
    {
        foreach (var key in new[] { "a", "b1", "b2", "b3", "c", "d" })
        {
            _t.Db.Put(Utf8(key), Utf8("v-" + key));
        }
    }

    public void Dispose() => _t.Dispose();

    [Fact]
    public void SeekToFirst_IteratesAllKeysInOrder_WithValues()
    {
        using var it = _t.Db.CreateIterator();
        var seen = new List<string>();
        for (it.SeekToFirst(); it.IsValid; it.Next())
        {
            Assert.Equal("v-" + Text(it.Key), Text(it.Value));
            seen.Add(Text(it.Key));
        }

        it.ThrowIfError();
        Assert.Equal(["a", "b1", "b2", "b3", "c", "d"], seen);
    }

    [Fact]
    public void Seek_PositionsOnFirstKeyAtOrAfterTarget()
    {
        using var it = _t.Db.CreateIterator();

        it.Seek(Utf8("b"));
        Assert.Equal("b1", Text(it.Key));

        it.Seek(Utf8("c"));
        Assert.Equal("c", Text(it.Key));

        it.Seek(Utf8("e"));
        Assert.False(it.IsValid);
    }

    [Fact]
    public void SeekForPrev_PositionsOnLastKeyAtOrBeforeTarget()
    {
        using var it = _t.Db.CreateIterator();

        it.SeekForPrev(Utf8("b9"));
        Assert.Equal("b3", Text(it.Key));

        it.SeekForPrev(Utf8("0"));
        Assert.False(it.IsValid);
    }

    [Fact]
    public void Bounds_LimitIteration_ToHalfOpenRange()
    {
        using var it = _t.Db.CreateIterator(Utf8("b"), Utf8("b3"));
        var seen = new List<string>();
        for (it.SeekToFirst(); it.IsValid; it.Next())
        {
            seen.Add(Text(it.Key));
        }

        Assert.Equal(["b1", "b2"], seen);

        it.Seek(Utf8("a")); // below the lower bound: clamps to it
        Assert.Equal("b1", Text(it.Key));
        it.Seek(Utf8("c")); // at or beyond the upper bound
        Assert.False(it.IsValid);
    }

    [Fact]
    public void Bounds_AreCopied_SoCallerBuffersCanChange()
    {
        var lower = Utf8("b");
        var upper = Utf8("c");
        using var it = _t.Db.CreateIterator(lower, upper);
        lower[0] = (byte)'a';
        upper[0] = (byte)'z';

        Assert.Equal(["b1", "b2", "b3"], Collect(it));
    }

    [Fact]
    public void OnlyUpperBound_IteratesFromStart()
    {
        using var it = _t.Db.CreateIterator(upperBound: Utf8("b2"));

        Assert.Equal(["a", "b1"], Collect(it));
    }

    [Fact]
    public void SeekToLastAndPrev_IterateInReverse_WithinBounds()
    {
        using var it = _t.Db.CreateIterator(Utf8("b1"), Utf8("c"));
        var seen = new List<string>();
        for (it.SeekToLast(); it.IsValid; it.Prev())
        {
            seen.Add(Text(it.Key));
        }

        Assert.Equal(["b3", "b2", "b1"], seen);
    }

    [Fact]
    public void EmptyRange_IsNeverValid()
    {
        using var it = _t.Db.CreateIterator(Utf8("b4"), Utf8("b9"));

        it.SeekToFirst();
        Assert.False(it.IsValid);
        it.SeekToLast();
        Assert.False(it.IsValid);
        it.ThrowIfError();
    }

    [Fact]
    public void Iterator_SeesSnapshotAtCreation_NotLaterWrites()
    {
        using var it = _t.Db.CreateIterator();
        _t.Db.Put(Utf8("b25"), Utf8("late"));
        _t.Db.Delete(Utf8("a"));

        Assert.Equal(["a", "b1", "b2", "b3", "c", "d"], Collect(it));
    }

    [Fact]
    public void KeyAndMoves_Throw_WhenNotPositioned()
    {
        using var it = _t.Db.CreateIterator();

        Assert.False(it.IsValid);
        Assert.Throws<InvalidOperationException>(() => it.Key.Length);
        Assert.Throws<InvalidOperationException>(() => it.Value.Length);
        Assert.Throws<InvalidOperationException>(it.Next);
        Assert.Throws<InvalidOperationException>(it.Prev);
    }

    [Fact]
    public void Calls_ThrowObjectDisposed_AfterDispose()
    {
        var it = _t.Db.CreateIterator();
        it.SeekToFirst();
        it.Dispose();

        Assert.False(it.IsValid);
        Assert.Throws<ObjectDisposedException>(() => it.Key.Length);
        Assert.Throws<ObjectDisposedException>(it.SeekToFirst);
        Assert.Throws<ObjectDisposedException>(it.ThrowIfError);
    }

    private static List<string> Collect(RocksIterator it)
    {
        var keys = new List<string>();
        for (it.SeekToFirst(); it.IsValid; it.Next())
        {
            keys.Add(Text(it.Key));
        }

        return keys;
    }
}
