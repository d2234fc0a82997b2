using Aggregator.Hosting.Health;
using Aggregator.Hosting.Http;
using Aggregator.Hosting.Streams;

namespace Aggregator.Tests.Hosting.Http;

public sealed class ReadinessTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly BrokerReachability Reachable = new(true, Since, null);

    [Fact]
    public void Running_WithNothingRestoring_AndReachableBrokers_IsReady()
    {
        var readiness = Readiness.Of(InstanceState.Running, tasks: 3, restoring: [], maxLag: 12, Reachable);

        Assert.True(readiness.Ready);
        Assert.True(readiness.BrokersReachable);
        Assert.Null(readiness.Detail);
        Assert.Equal("Running", readiness.State);
        Assert.Equal(3, readiness.Tasks);
        Assert.Equal(12, readiness.MaxLag);
    }

    [Fact]
    public void Running_WithNoBrokerReachable_IsNotReady_AndSaysSinceWhen()
    {
        var readiness = Readiness.Of(InstanceState.Running, 3, [], null, new BrokerReachability(false, Since, "Local: Timed out"));

        Assert.False(readiness.Ready);
        Assert.False(readiness.BrokersReachable);
        Assert.Equal("no broker reachable since 2026-11-21T10:00:00Z (Local: Timed out)", readiness.Detail);
    }

    [Fact]
    public void NotRunning_WithReachableBrokers_IsNotReady_NamingTheState()
    {
        var readiness = Readiness.Of(InstanceState.Rebalancing, 0, [], null, Reachable);

        Assert.False(readiness.Ready);
        Assert.Equal("state Rebalancing", readiness.Detail);
    }

    // Streamiz says RUNNING while its tasks restore (issue 11, item 6): readiness must not.
    [Fact]
    public void Running_WhileTasksRestore_IsNotReady_NamingTheFirstPartitions()
    {
        var readiness = Readiness.Of(InstanceState.Running, 4, ["1-0/report-stats-refine", "2-0/event-ids", "2-1/event-ids", "3-0/activity-counts"], 0, Reachable);

        Assert.False(readiness.Ready);
        Assert.Equal(4, readiness.RestoringTasks);
        Assert.Equal("4 store partitions not restored yet (1-0/report-stats-refine, 2-0/event-ids, 2-1/event-ids, …)", readiness.Detail);
    }
}
