using Aggregator.Hosting.Streams;
using Aggregator.Topology;

namespace Aggregator.Tests.Hosting.Streams;

public sealed class RestoreTrackerTests
{
    private static readonly Dictionary<int, IReadOnlyList<string>> Stores = new()
    {
        [2] = ["event-ids", "report-stats-dedup"],
        [4] = ["report-merger"],
    };

    [Fact]
    public void AssignedTask_IsUnrestored_BeforeItsRestoreEvenStarts()
    {
        using var metrics = new StreamsMetrics();
        var tracker = new RestoreTracker(metrics);

        Assert.Equal(["2-1/event-ids", "2-1/report-stats-dedup", "4-0/report-merger"], tracker.Unrestored(["2-1", "4-0"], Stores));
        Assert.False(tracker.IsRestored("report-merger", 0));
    }

    [Fact]
    public void StorePartition_IsRestored_OnlyOnceItsRestoreEnded()
    {
        using var metrics = new StreamsMetrics();
        var tracker = new RestoreTracker(metrics);

        tracker.Started("app-event-ids-changelog", 1, "event-ids", -2, 500);
        tracker.Batch("app-event-ids-changelog", 1, "event-ids", 300, 300);
        Assert.Equal(["app-event-ids-changelog-1"], tracker.Restoring);
        Assert.False(tracker.IsRestored("event-ids", 1));

        tracker.Ended("app-event-ids-changelog", 1, "event-ids");
        tracker.Ended("app-report-stats-dedup-changelog", 1, "report-stats-dedup");

        Assert.Empty(tracker.Restoring);
        Assert.True(tracker.IsRestored("event-ids", 1));
        Assert.Empty(tracker.Unrestored(["2-1"], Stores));
        Assert.Equal(300, metrics.Restored);
    }

    [Fact]
    public void RestoreStartingAgain_AfterARebalance_MakesThePartitionUnrestoredAgain()
    {
        using var metrics = new StreamsMetrics();
        var tracker = new RestoreTracker(metrics);
        tracker.Ended("app-report-merger-changelog", 0, "report-merger");

        tracker.Started("app-report-merger-changelog", 0, "report-merger", 10, 20);

        Assert.False(tracker.IsRestored("report-merger", 0));
        Assert.Equal(["4-0/report-merger"], tracker.Unrestored(["4-0"], Stores));
    }
}
