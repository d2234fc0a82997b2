using Aggregator.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Tests.Demo;

public class ReplayClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SpeedOne_WithoutLookback_IsTheWallClock()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new ReplayClock(time, 1, TimeSpan.Zero);

        time.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(Start.AddMinutes(7), clock.Now);
        Assert.Null(clock.CatchUpAfter);
    }

    [Fact]
    public void SpeedTen_StartsInThePast_AndRunsTenTimesFaster()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new ReplayClock(time, 10, TimeSpan.FromMinutes(30));

        Assert.Equal(Start.AddMinutes(-30), clock.EventStart);
        Assert.Equal(Start.AddMinutes(-30), clock.Now);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Start.AddMinutes(-20), clock.Now); // ten minutes of event time per real minute
        Assert.Equal(TimeSpan.FromMinutes(10), clock.Offset);
    }

    [Fact]
    public void CatchesUpWithNow_ThenRunsAtOneX_AndIsNeverInTheFuture()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new ReplayClock(time, 10, TimeSpan.FromMinutes(30));
        Assert.Equal(TimeSpan.FromSeconds(200), clock.CatchUpAfter); // 30 min / (10 - 1)

        var previous = clock.Now;
        for (var i = 0; i < 600; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var now = clock.Now;
            Assert.True(now <= time.GetUtcNow(), $"event time {now:O} is after wall time {time.GetUtcNow():O}");
            Assert.True(now >= previous, "event time went backwards");
            previous = now;
        }

        Assert.Equal(time.GetUtcNow(), clock.Now);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(time.GetUtcNow(), clock.Now);
    }

    [Fact]
    public void JustBeforeCatchUp_IsStillBehind_AndJustAfter_IsNow()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new ReplayClock(time, 10, TimeSpan.FromMinutes(30));

        time.Advance(TimeSpan.FromSeconds(199));
        Assert.Equal(Start.AddMinutes(-30) + TimeSpan.FromSeconds(1990), clock.Now);
        Assert.True(clock.Now < time.GetUtcNow());

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(time.GetUtcNow(), clock.Now);
    }

    [Fact]
    public void WallClockStepBack_CannotPushEventTimeIntoTheFuture()
    {
        var time = new WallClockStepping(Start);
        var clock = new ReplayClock(time, 10, TimeSpan.FromMinutes(5));
        time.Advance(TimeSpan.FromMinutes(2));

        time.StepWallClock(TimeSpan.FromMinutes(-3));

        Assert.True(clock.Now <= time.GetUtcNow());
    }

    [Fact]
    public void RejectsSlowMotionAndNegativeLookback()
    {
        var time = new FakeTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayClock(time, 0.5, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayClock(time, 2, TimeSpan.FromSeconds(-1)));
    }

    /// <summary>
    /// A FakeTimeProvider whose wall clock can step back (an NTP step) while its monotonic clock goes on, which
    /// FakeTimeProvider alone cannot do: its timestamps follow its wall clock.
    /// </summary>
    private sealed class WallClockStepping(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private TimeSpan _step;

        public void StepWallClock(TimeSpan by) => _step += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _step;

        public override long GetTimestamp() => base.GetUtcNow().Ticks;
    }
}
