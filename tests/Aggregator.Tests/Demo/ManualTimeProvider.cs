namespace Aggregator.Tests.Demo;

/// <summary>A clock that moves only when told: wall time and the monotonic timestamp advance together.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now;
    private long _timestamp;

    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _timestamp;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
        _timestamp += by.Ticks;
    }

    /// <summary>Moves only the wall clock (an NTP step), leaving the monotonic clock alone.</summary>
    public void StepWallClock(TimeSpan by) => _now += by;
}
