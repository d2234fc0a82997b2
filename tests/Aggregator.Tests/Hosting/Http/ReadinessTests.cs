using Aggregator.Hosting;
using Aggregator.Hosting.Http;
using Aggregator.Streams.Runtime;

namespace Aggregator.Tests.Hosting;

public sealed class ReadinessTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly StreamsStatus Running = StreamsStatus.Empty with { State = StreamsState.Running };

    [Fact]
    public void Running_WithReachableBrokers_IsReady()
    {
        var readiness = Readiness.Of(Running, new BrokerReachability(true, Since, null));

        Assert.True(readiness.Ready);
        Assert.True(readiness.BrokersReachable);
        Assert.Null(readiness.Detail);
    }

    [Fact]
    public void Running_WithNoBrokerReachable_IsNotReady_AndSaysSinceWhen()
    {
        var readiness = Readiness.Of(Running, new BrokerReachability(false, Since, "Local: Timed out"));

        Assert.False(readiness.Ready);
        Assert.False(readiness.BrokersReachable);
        Assert.Equal("no broker reachable since 2026-11-21T10:00:00Z (Local: Timed out)", readiness.Detail);
    }

    [Fact]
    public void NotRunning_WithReachableBrokers_IsNotReady_NamingTheState()
    {
        var readiness = Readiness.Of(StreamsStatus.Empty with { State = StreamsState.Rebalancing }, new BrokerReachability(true, Since, null));

        Assert.False(readiness.Ready);
        Assert.Equal("state Rebalancing", readiness.Detail);
    }
}
