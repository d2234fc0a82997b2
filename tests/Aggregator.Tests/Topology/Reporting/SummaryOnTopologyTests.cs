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
}
