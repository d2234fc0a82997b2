using Aggregator.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Tests.Demo;

public class TokenBucketTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void StartsEmpty_SoARunDoesNotOpenWithABurst()
    {
        var bucket = new TokenBucket(1000, 20, _time);

        Assert.Equal(0, bucket.TryTake(100));
    }

    [Fact]
    public void RefillsAtTheRate()
    {
        var bucket = new TokenBucket(1000, 20, _time);

        _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(10, bucket.TryTake(100));
        Assert.Equal(0, bucket.TryTake(100));
    }

    [Fact]
    public void NeverHoldsMoreThanItsCapacity_SoIdleTimeIsNotPaidBackAsABurst()
    {
        var bucket = new TokenBucket(1000, 20, _time);

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(20, bucket.TryTake(10_000));
    }

    [Fact]
    public void TakesNoMoreThanAsked()
    {
        var bucket = new TokenBucket(1000, 20, _time);
        _time.Advance(TimeSpan.FromMilliseconds(15));

        Assert.Equal(4, bucket.TryTake(4));
        Assert.Equal(11, bucket.TryTake(100));
    }

    [Fact]
    public void TimeUntil_SaysHowLongTheTokensTakeToArrive()
    {
        var bucket = new TokenBucket(1000, 20, _time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), bucket.TimeUntil(5));
        Assert.Equal(TimeSpan.FromMilliseconds(20), bucket.TimeUntil(1_000)); // capped at capacity
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntil(5));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(150_000)]
    public void PacesSmoothly_OverASecond(double rate)
    {
        var bucket = TokenBucket.ForRate(rate, TimeSpan.FromMilliseconds(20), _time);
        long total = 0;
        long maxPerMillisecond = 0;

        for (var ms = 0; ms < 1000; ms++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            var taken = bucket.TryTake(long.MaxValue);
            total += taken;
            maxPerMillisecond = Math.Max(maxPerMillisecond, taken);
        }

        Assert.InRange(total, rate - 1, rate);
        // Smooth: every millisecond gets its share, not the whole second's worth at once.
        Assert.InRange(maxPerMillisecond, 1, (rate / 1000) + 1);
    }

    [Fact]
    public void ALateConsumer_GetsAtMostOneWindowAtOnce()
    {
        var bucket = TokenBucket.ForRate(10_000, TimeSpan.FromMilliseconds(20), _time);

        _time.Advance(TimeSpan.FromMilliseconds(500)); // e.g. a GC pause

        Assert.Equal(200, bucket.TryTake(long.MaxValue));
    }

    [Fact]
    public void RejectsNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 10, _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(10, 0.5, _time));
    }
}
