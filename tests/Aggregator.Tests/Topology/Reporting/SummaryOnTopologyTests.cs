namespace Aggregator.Tests.Topology.Reporting;

/// <summary>The whole activity topology on the test driver: the summary's numbers are the input's.</summary>
public sealed class SummaryOnTopologyTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ActivityTopologyFixture.T0;
    private readonly CapturingOutbox _outbox = new();
    private readonly ActivityTopologyFixture _f;

    public SummaryOnTopologyTests() => _f = new ActivityTopologyFixture(_outbox);

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Summary_HasTheInputsFigures_OnceTheCountingPartitionHasPassedTheInterval()
    {
        // In event-time order within the windows' grace: nothing here is late.
        for (var i = 0; i < 10; i++)
        {
            _f.PipeEvent($"u-{i}", T0.AddMinutes(i).AddSeconds(5), path: "/home");
            if (i == 4)
            {
                _f.PipeRaw("{not json");
                _f.PipeEvent("u-1", T0.AddMinutes(4), path: "/products/1", eventId: "dup-1");
                _f.PipeEvent("u-1", T0.AddMinutes(4), path: "/products/1", eventId: "dup-1");
                _f.PipeEvent("u-2", T0.AddMinutes(4), path: "/products/1");
            }
        }

        _f.PipeEvent("u-3", T0.AddMinutes(9).AddSeconds(30), type: "click", path: "/cart");
        _f.AdvanceWallClock();
        Assert.Empty(_outbox.Summaries); // 10:00–10:10 is still open

        _f.PipeEvent("u-4", T0.AddMinutes(11).AddSeconds(30), path: "/home"); // the counting partition passes 10:11
        _f.AdvanceWallClock();

        var summary = Assert.Single(_outbox.Summaries);
        Assert.Contains("📊 Activity 10:00–10:10 UTC", summary, StringComparison.Ordinal);
        Assert.Contains("*13* events", summary, StringComparison.Ordinal);
        Assert.Contains("page_view  12 · 92%", summary, StringComparison.Ordinal);
        Assert.Contains("click      1 · 7.7%", summary, StringComparison.Ordinal);
        Assert.Contains("1. `/home` — 10", summary, StringComparison.Ordinal);
        Assert.Contains("2. `/products/1` — 2", summary, StringComparison.Ordinal);
        Assert.Contains("» 1/1 partitions reported · late dropped: 0 · DLQ: 1 · opted-out dropped: 0 · duplicates removed: 1", summary, StringComparison.Ordinal);
    }

    // Windows still take a record 2.5 minutes out of order, but its interval's summary has closed: the next summary
    // counts it as late instead of it vanishing between the two.
    [Fact]
    public void RecordForAnIntervalAlreadyClosed_IsCountedLate_InTheNextSummary()
    {
        for (var i = 0; i < 10; i++)
        {
            _f.PipeEvent($"u-{i}", T0.AddMinutes(i).AddSeconds(5), path: "/home");
        }

        _f.PipeEvent("u-a", T0.AddMinutes(11).AddSeconds(30), path: "/home"); // closes 10:00–10:10 here
        _f.PipeEvent("u-b", T0.AddMinutes(9), path: "/late");
        _f.PipeEvent("u-c", T0.AddMinutes(21).AddSeconds(30), path: "/home"); // closes 10:10–10:20
        _f.AdvanceWallClock(); // heartbeats tell the merger how far every stage has got
        _f.AdvanceWallClock(); // its next tick reports

        Assert.Equal(2, _outbox.Summaries.Count);
        Assert.Contains("*10* events", _outbox.Summaries[0], StringComparison.Ordinal);
        Assert.Contains("late dropped: 0", _outbox.Summaries[0], StringComparison.Ordinal);
        Assert.Contains("*1* events", _outbox.Summaries[1], StringComparison.Ordinal);
        Assert.Contains("late dropped: 1", _outbox.Summaries[1], StringComparison.Ordinal);
        Assert.Equal(1, _f.LatestCounts()["page_view|/late@10:09"]); // the windows did count it
    }

    [Fact]
    public void ClosedInterval_IsSummarisedOnce_HoweverOftenTheMergerTicks()
    {
        for (var i = 0; i < 10; i++)
        {
            _f.PipeEvent($"u-{i}", T0.AddMinutes(i).AddSeconds(5));
        }

        _f.PipeEvent("u-a", T0.AddMinutes(11).AddSeconds(30));
        for (var tick = 0; tick < 5; tick++)
        {
            _f.AdvanceWallClock();
        }

        Assert.Single(_outbox.Summaries);
        Assert.Single(_outbox.Delivered.Select(m => m.Id).Distinct());
    }

    // The merger waits for every counting partition: with two expected and the driver's one reporting, the interval
    // is never complete (here the catch-up fold does not apply either: the wall clock is only minutes past it).
    [Fact]
    public void Summary_WaitsForEveryCountingPartition()
    {
        var outbox = new CapturingOutbox();
        using var twoPartitions = new ActivityTopologyFixture(outbox, countingPartitions: 2);
        for (var i = 0; i < 10; i++)
        {
            twoPartitions.PipeEvent($"u-{i}", T0.AddMinutes(i).AddSeconds(5));
        }

        twoPartitions.PipeEvent("u-a", T0.AddMinutes(11).AddSeconds(30));
        twoPartitions.AdvanceWallClock();
        twoPartitions.AdvanceWallClock();

        Assert.Empty(outbox.Summaries);
    }
}
