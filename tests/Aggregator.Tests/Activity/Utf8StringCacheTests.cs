using System.Text;
using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class Utf8StringCacheTests
{
    [Fact]
    public void Get_ReturnsOneInstance_PerDistinctValue()
    {
        var cache = new Utf8StringCache();

        var first = cache.Get("page_view"u8);
        var second = cache.Get(Encoding.UTF8.GetBytes("page_view"));

        Assert.Equal("page_view", first);
        Assert.Same(first, second);
        Assert.NotSame(first, cache.Get("click"u8));
    }

    [Fact]
    public void Get_DecodesNonAscii()
    {
        Assert.Equal("bücher.example", new Utf8StringCache().Get("bücher.example"u8));
    }

    [Fact]
    public void Get_StopsRemembering_AtCapacity_ButStillAnswers()
    {
        var cache = new Utf8StringCache(capacity: 2);

        foreach (var value in new[] { "a", "b", "c", "d" })
        {
            Assert.Equal(value, cache.Get(Encoding.UTF8.GetBytes(value)));
        }

        Assert.Equal(2, cache.Count);
        Assert.NotSame(cache.Get("c"u8), cache.Get("c"u8));
    }

    [Fact]
    public void Get_DoesNotCache_LongValues()
    {
        var cache = new Utf8StringCache();
        var longValue = Encoding.UTF8.GetBytes(new string('x', Utf8StringCache.MaxCachedLength + 1));

        Assert.Equal(new string('x', Utf8StringCache.MaxCachedLength + 1), cache.Get(longValue));
        Assert.Equal(0, cache.Count);
    }
}
