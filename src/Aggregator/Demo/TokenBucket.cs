namespace Aggregator.Demo;

/// <summary>
/// Paces production at <see cref="Rate"/> tokens per second on a <see cref="TimeProvider"/>'s monotonic clock.
/// The bucket holds at most <see cref="Capacity"/> tokens, so time spent elsewhere (a slow broker, a GC pause)
/// is not paid back later as a burst: the rate is smooth at a scale of capacity / rate seconds.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TokenBucket(double rate, double capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1.0);
        Rate = rate;
        Capacity = capacity;
        _time = time;
        _last = time.GetTimestamp();
    }

    public double Rate { get; }

    public double Capacity { get; }

    /// <summary>A bucket holding <paramref name="window"/> worth of tokens (at least one).</summary>
    public static TokenBucket ForRate(double rate, TimeSpan window, TimeProvider time) =>
        new(rate, Math.Max(1.0, rate * window.TotalSeconds), time);

    /// <summary>Takes up to <paramref name="max"/> whole tokens and returns how many were taken (possibly 0).</summary>
    public long TryTake(long max)
    {
        Refill();
        var taken = (long)Math.Min(Math.Floor(_tokens), max);
        if (taken > 0)
        {
            _tokens -= taken;
        }

        return taken;
    }

    /// <summary>How long until <paramref name="tokens"/> (capped at capacity) are available; zero if they are now.</summary>
    public TimeSpan TimeUntil(double tokens)
    {
        Refill();
        var missing = Math.Min(tokens, Capacity) - _tokens;
        return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing / Rate);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = (now - _last) / (double)_time.TimestampFrequency;
        _last = now;
        if (elapsed > 0)
        {
            _tokens = Math.Min(Capacity, _tokens + (elapsed * Rate));
        }
    }
}
