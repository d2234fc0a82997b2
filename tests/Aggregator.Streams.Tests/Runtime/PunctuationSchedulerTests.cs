using Aggregator.Streams.Processors;
using Aggregator.Streams.Runtime;

namespace Aggregator.Streams.Tests.Runtime;

public sealed class PunctuationSchedulerTests
{
    [Fact]
    public void WallClockPunctuator_FiresEveryInterval_AndCanBeCancelled()
    {
        var fired = new List<long>();
        var scheduler = new PunctuationScheduler();
        var handle = scheduler.Schedule(TimeSpan.FromSeconds(1), PunctuationType.WallClockTime, fired.Add, nowMs: 0);

        scheduler.PunctuateWallClock(999);
        scheduler.PunctuateWallClock(1_000);
        scheduler.PunctuateWallClock(1_500);
        scheduler.PunctuateWallClock(2_000);
        handle.Cancel();
        scheduler.PunctuateWallClock(3_000);

        Assert.Equal([1_000L, 2_000L], fired);
    }

    [Fact]
    public void StreamTimePunctuator_IgnoresUnknownTime_AndFiresOncePerJump()
    {
        var fired = new List<long>();
        var scheduler = new PunctuationScheduler();
        scheduler.Schedule(TimeSpan.FromMinutes(1), PunctuationType.StreamTime, fired.Add, nowMs: 0);

        scheduler.PunctuateStreamTime(-1);
        scheduler.PunctuateStreamTime(10_000);
        scheduler.PunctuateStreamTime(59_000);
        scheduler.PunctuateStreamTime(300_000);
        scheduler.PunctuateStreamTime(300_001);

        Assert.Equal([10_000L, 300_000L], fired);
    }
}
