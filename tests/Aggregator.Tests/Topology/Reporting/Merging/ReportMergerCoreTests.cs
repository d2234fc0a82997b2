using Aggregator.Topology.Reporting;
using static Aggregator.Tests.Topology.Reporting.Merging.MergerHarness;

namespace Aggregator.Tests.Topology.Reporting.Merging;

/// <summary>
/// When the merger closes an interval, and what its footer says, given what the stats stages of a four-partition
/// topology send it. Interval 10:00–10:10 closes at 10:11 (grace 1 min).
/// </summary>
public sealed class ReportMergerCoreTests
{
    private static readonly long CloseAt = T10 + (11 * Minute);
    private readonly MergerHarness _h = new(countingPartitions: 4);

    // The runtime bug: a counting task that had sent nothing yet called itself idle, the merged watermark passed the
    // interval without it, and the summary went out with 14 of 23 events and "⚠ Only 1/4 partitions reported".
    [Fact]
    public void Interval_WaitsForEveryCountingPartition_EvenWhenStreamTimeHasPassedIt()
    {
        _h.Send(Partial("2_0", T10, pageViews: 14));
        _h.Progress(0, T10 + (20 * Minute));
        _h.Send(Partial("0_0", T10 + (10 * Minute), pageViews: 0, deadLettered: 1));
        _h.Tick();

        Assert.Empty(_h.Outbox.Summaries);

        _h.Send(Partial("2_1", T10, pageViews: 5));
        _h.Progress(1, CloseAt);
        _h.Send(Partial("2_2", T10, pageViews: 4));
        _h.Progress(2, CloseAt);
        _h.Progress(3, CloseAt, StatsStage.Refine); // the refine and dedup stages are not the counting stage
        _h.Progress(3, CloseAt, StatsStage.Dedup);
        _h.Tick();
        Assert.Empty(_h.Outbox.Summaries); // counting partition 3 has not said anything yet

        _h.Progress(3, CloseAt, StatsStage.Counts); // had no events in the interval: it still has to say it is past it
        _h.Tick();

        var summary = Assert.Single(_h.Outbox.Summaries);
        Assert.Contains("*23* events", summary, StringComparison.Ordinal);
        Assert.Contains("» 4/4 partitions reported", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠", summary, StringComparison.Ordinal);
    }

    // A partition with data only in a later interval can be heard from first: the earlier interval is still reported.
    [Fact]
    public void FirstReport_StartsAtTheEarliestInterval_WhicheverPartialArrivedFirst()
    {
        _h.Send(Partial("2_1", T10 + (10 * Minute), pageViews: 2));
        _h.Progress(1, CloseAt);
        _h.Send(Partial("2_0", T10, pageViews: 7));
        _h.Send(Partial("2_0", T10 + (10 * Minute), pageViews: 1));
        foreach (var partition in new[] { 0, 2, 3 })
        {
            _h.Progress(partition, CloseAt);
        }

        _h.Tick();

        var summary = Assert.Single(_h.Outbox.Summaries);
        Assert.Contains("Activity 10:00–10:10 UTC", summary, StringComparison.Ordinal);
        Assert.Contains("*7* events", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Interval_IsSentOnTheWallClock_WhenAPartitionNeverCatchesUp_NamingIt()
    {
        foreach (var partition in new[] { 0, 1, 3 })
        {
            _h.Send(Partial($"2_{partition}", T10, pageViews: 2));
            _h.Progress(partition, CloseAt);
        }

        _h.Tick(_h.Settings.SilenceAfter - TimeSpan.FromSeconds(2));
        Assert.Empty(_h.Outbox.Summaries);

        _h.Tick(TimeSpan.FromSeconds(3));

        var summary = Assert.Single(_h.Outbox.Summaries);
        Assert.Contains("*6* events", summary, StringComparison.Ordinal);
        Assert.Contains("⚠ *3/4 partitions reported (sent on the wall clock without partition 2)*", summary, StringComparison.Ordinal);
    }

    // Refine and dedup stats stages send partials too (DLQ, duplicates, opt-outs); they are not counting partitions.
    [Fact]
    public void PartitionsReported_CountsOnlyTheCountingPartitions()
    {
        for (var partition = 0; partition < 4; partition++)
        {
            _h.Send(Partial($"0_{partition}", T10, pageViews: 0, deadLettered: 1));
            _h.Send(Partial($"1_{partition}", T10, pageViews: 0));
        }

        // Interval 10:10–10:20: only two counting partitions had events, all four counted through it.
        _h.Send(Partial("2_0", T10, pageViews: 3));
        _h.Send(Partial("2_0", T10 + (10 * Minute), pageViews: 3));
        _h.Send(Partial("2_1", T10 + (10 * Minute), pageViews: 1));
        for (var partition = 0; partition < 4; partition++)
        {
            _h.Progress(partition, T10 + (21 * Minute));
        }

        _h.Tick();

        Assert.Equal(2, _h.Outbox.Summaries.Count);
        Assert.All(_h.Outbox.Summaries, summary => Assert.Contains("» 4/4 partitions reported", summary, StringComparison.Ordinal));
        Assert.All(_h.Outbox.Summaries, summary => Assert.DoesNotContain("Only", summary, StringComparison.Ordinal));
        Assert.Contains("DLQ: 4", _h.Outbox.Summaries[0], StringComparison.Ordinal);
        Assert.Contains("*4* events", _h.Outbox.Summaries[1], StringComparison.Ordinal);
    }
}
