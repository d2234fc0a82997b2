namespace Aggregator.Demo;

/// <summary>
/// Event time for a replay: it starts <c>lookback</c> before the wall-clock start and runs <c>speed</c> times
/// faster than the wall clock until it reaches now; from then on it is now (1x). It is never in the future,
/// so nothing downstream sees an event from after the moment it was produced.
/// </summary>
/// <remarks>
/// For the demo: speed 10 with the default 30-minute lookback gives 10 minutes of event time per real minute
/// and catches up after 30 / (10 - 1) = 3 min 20 s, so a 10-minute summary window closes within a minute.
/// </remarks>
internal sealed class ReplayClock
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;

    public ReplayClock(TimeProvider time, double speed, TimeSpan lookback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, TimeSpan.Zero);
        _time = time;
        Speed = speed;
        _startTimestamp = time.GetTimestamp();
        WallStart = time.GetUtcNow();
        EventStart = WallStart - lookback;
    }

    public double Speed { get; }

    /// <summary>Wall-clock time when the clock was created.</summary>
    public DateTimeOffset WallStart { get; }

    /// <summary>Event time at <see cref="WallStart"/>; anomaly offsets are measured from here.</summary>
    public DateTimeOffset EventStart { get; }

    /// <summary>Wall-clock time after which event time runs at 1x; null when it never runs ahead (speed 1).</summary>
    public TimeSpan? CatchUpAfter => Speed > 1 ? (WallStart - EventStart) / (Speed - 1) : null;

    /// <summary>The current event time.</summary>
    public DateTimeOffset Now
    {
        get
        {
            // Elapsed from the monotonic timestamp, so a wall-clock step back cannot move event time back;
            // the wall clock only caps it.
            var accelerated = EventStart + _time.GetElapsedTime(_startTimestamp) * Speed;
            var now = _time.GetUtcNow();
            return accelerated < now ? accelerated : now;
        }
    }

    /// <summary>How far event time has advanced since <see cref="EventStart"/>.</summary>
    public TimeSpan Offset => Now - EventStart;
}
