using Aggregator.Streams.Runtime;

namespace Aggregator.Streams.Tests.Runtime;

public sealed class WatermarkTrackerTests
{
    private const long Idle = 10_000;

    [Fact]
    public void SinglePartition_WatermarkIsItsLargestTimestamp_AndNeverGoesBack()
    {
        var tracker = new WatermarkTracker(Idle);
        tracker.ObservePartition("t", 0, 100, nowMs: 0);
        tracker.ObservePartition("t", 0, 50, nowMs: 0);

        Assert.Equal(100, tracker.Watermark);
    }

    [Fact]
    public void SeveralUpstreams_WatermarkIsTheSlowest()
    {
        var tracker = new WatermarkTracker(Idle);
        tracker.ExpectUpstream(0, 0, 0);
        tracker.ExpectUpstream(0, 1, 0);
        tracker.ObserveUpstream(0, 0, 500, empty: false, nowMs: 0);
        Assert.Equal(-1, tracker.Watermark); // partition 1 not heard from yet

        tracker.ObserveUpstream(0, 1, 200, empty: false, nowMs: 0);
        Assert.Equal(200, tracker.Watermark);

        tracker.ObserveUpstream(0, 1, 900, empty: false, nowMs: 0);
        Assert.Equal(500, tracker.Watermark);
    }

    [Fact]
    public void UpstreamDeclaringItselfEmpty_StopsHoldingTheWatermark_UntilItHasData()
    {
        var tracker = new WatermarkTracker(Idle);
        tracker.ExpectUpstream(0, 0, 0);
        tracker.ExpectUpstream(0, 1, 0);
        tracker.ObserveUpstream(0, 0, 500, empty: false, nowMs: 0);
        tracker.ObserveUpstream(0, 1, -1, empty: true, nowMs: 0);

        Assert.Equal(500, tracker.Watermark);
    }

    [Fact]
    public void UpstreamThatHadData_KeepsHoldingTheWatermark_EvenWhenItSaysEmptyLater()
    {
        // A restarted stateless upstream forgets its progress; what it announced before still stands.
        var tracker = new WatermarkTracker(Idle);
        tracker.Restore(watermark: 100, [], [(0, 0, 100), (0, 1, 300)], nowMs: 0);
        tracker.ObserveUpstream(0, 0, -1, empty: true, nowMs: 0);
        tracker.ObserveUpstream(0, 1, 400, empty: false, nowMs: 0);

        Assert.Equal(100, tracker.Watermark);
    }

    [Fact]
    public void NeverHeardUpstream_IsExcludedAfterTheIdleTimeout_OnlyOnceInputIsCaughtUp()
    {
        var tracker = new WatermarkTracker(Idle);
        tracker.ExpectUpstream(0, 0, 0);
        tracker.ExpectUpstream(0, 1, 0);
        tracker.ObserveUpstream(0, 0, 500, empty: false, nowMs: 0);

        tracker.UpdateIdleness(Idle + 1, (_, _) => true, repartitionInputCaughtUp: false);
        Assert.Equal(-1, tracker.Watermark); // unread input may hold its announcement

        tracker.UpdateIdleness(Idle + 1, (_, _) => true, repartitionInputCaughtUp: true);
        Assert.Equal(500, tracker.Watermark);
    }

    [Fact]
    public void EmptyExternalPartition_IsExcludedAfterTheIdleTimeout_WhenCaughtUp()
    {
        var tracker = new WatermarkTracker(Idle);
        tracker.ExpectPartition("t", 0, 0);
        tracker.ExpectPartition("u", 0, 0);
        tracker.ObservePartition("t", 0, 70, nowMs: 0);

        tracker.UpdateIdleness(Idle - 1, (_, _) => true);
        Assert.Equal(-1, tracker.Watermark);
        tracker.UpdateIdleness(Idle, (topic, _) => topic != "u");
        Assert.Equal(-1, tracker.Watermark); // not caught up: it may have a backlog
        tracker.UpdateIdleness(Idle, (_, _) => true);
        Assert.Equal(70, tracker.Watermark);
    }
}
