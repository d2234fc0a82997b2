using Aggregator.Topology.Reporting;
using Aggregator.Topology.Reporting.Merging;
using static Aggregator.Tests.Topology.Reporting.Merging.MergerHarness;

namespace Aggregator.Tests.Topology.Reporting.Merging;

/// <summary>Three partitions per stats stage; SilenceAfter 2 minutes; interval 10:00–10:10 closes at 10:11.</summary>
public sealed class IntervalCompletenessTests
{
    private static readonly long CloseAt = T10 + (11 * Minute);
    private readonly InMemoryReportingStore _store = new();
    private readonly IntervalCompleteness _completeness;
    private readonly List<int> _missing = [];

    public IntervalCompletenessTests() => _completeness = new IntervalCompleteness(3, TimeSpan.FromMinutes(2), _store);

    [Fact]
    public void Watermark_IsTheSlowestAnnouncedCountingPartition()
    {
        Assert.Equal(-1, _completeness.Watermark);

        Counted(0, T10 + (20 * Minute));
        Counted(2, T10 + (12 * Minute));

        Assert.Equal(T10 + (12 * Minute), _completeness.Watermark);
        Assert.Equal(-1, _completeness.CompleteThrough()); // partition 1 has said nothing yet
    }

    [Fact]
    public void Watermark_NeverMovesBack_ForAnOlderAnnouncement()
    {
        Counted(0, T10 + (20 * Minute));
        Counted(0, T10 + (5 * Minute)); // a replayed, older progress record

        Assert.Equal(T10 + (20 * Minute), _completeness.Watermark);
    }

    // A pipeline that dead-letters everything never reaches a counting partition; its summaries still go out.
    [Fact]
    public void Watermark_FallsBackOnTheOtherStages_UntilACountingPartitionAnnounces()
    {
        _completeness.Announce(new StatsProgress("0_1", 1, T10 + (30 * Minute), StatsStage.Refine));
        Assert.Equal(T10 + (30 * Minute), _completeness.Watermark);

        Counted(1, T10 + (12 * Minute));
        Assert.Equal(T10 + (12 * Minute), _completeness.Watermark);
    }

    [Fact]
    public void MayClose_WhenEveryStageOfEveryPartitionGotThrough()
    {
        Counted(0, CloseAt);
        Counted(1, CloseAt);
        Assert.False(_completeness.MayClose(CloseAt, silent: false, wallNow: T10, _missing));
        Assert.Equal([2], _missing);

        Counted(2, CloseAt + Minute);

        Assert.True(_completeness.MayClose(CloseAt, silent: false, wallNow: T10 + 1_000, _missing));
        Assert.Empty(_missing);
    }

    [Fact]
    public void MayClose_GivesUpOnStragglers_AfterSilenceAfter()
    {
        Counted(0, CloseAt);

        Assert.False(_completeness.MayClose(CloseAt, silent: false, wallNow: T10, _missing));
        Assert.False(_completeness.MayClose(CloseAt, silent: false, wallNow: T10 + (2 * Minute) - 1, _missing));
        Assert.True(_completeness.MayClose(CloseAt, silent: false, wallNow: T10 + (2 * Minute), _missing));
        Assert.Equal([1, 2], _missing);
    }

    [Fact]
    public void MayClose_WhenSilent_WithoutWaiting()
    {
        Assert.True(_completeness.MayClose(CloseAt, silent: true, wallNow: T10, _missing));
        Assert.Equal([0, 1, 2], _missing);
    }

    [Fact]
    public void Announcements_ArePersisted_AndRestored()
    {
        Counted(1, CloseAt);

        var stored = _store.All().ToDictionary();
        Assert.Equal(CloseAt, StoreValues.ReadLong(Assert.Contains("c:1", stored)));
        Assert.Equal(CloseAt, StoreValues.ReadLong(Assert.Contains("c:1:dedup", stored)));
        var restored = new IntervalCompleteness(3, TimeSpan.FromMinutes(2), _store);
        foreach (var stage in Enum.GetValues<StatsStage>())
        {
            restored.Restore(stage, 1, CloseAt);
        }

        Assert.Equal(CloseAt, restored.Watermark);
        Assert.False(restored.MayClose(CloseAt, silent: false, wallNow: T10, _missing));
        Assert.Equal([0, 2], _missing);
    }

    [Fact]
    public void Progress_OfAnotherStage_IsNotACountingPartitionsAnnouncement()
    {
        _completeness.Announce(new StatsProgress("0_0", 0, CloseAt, StatsStage.Refine));

        Assert.DoesNotContain("c:0", _store.Keys);
        Assert.False(_completeness.MayClose(CloseAt, silent: false, wallNow: T10, _missing));
    }

    // The failure this guards against: the counting stage was past the interval, the merger closed it, and the dedup
    // stage's duplicates of it (sent on their own topic) arrived after the summary ("duplicates removed: 2" of 4).
    [Theory]
    [InlineData(0)] // refine
    [InlineData(1)] // dedup
    [InlineData(2)] // counts
    public void MayClose_WaitsForEachStage_NotOnlyCounting(int laggingStage)
    {
        var lagging = (StatsStage)laggingStage;
        for (var partition = 0; partition < 3; partition++)
        {
            foreach (var stage in Enum.GetValues<StatsStage>())
            {
                var through = partition == 1 && stage == lagging ? CloseAt - 1 : CloseAt;
                _completeness.Announce(new StatsProgress($"{(int)stage}_{partition}", partition, through, stage));
            }
        }

        Assert.False(_completeness.MayClose(CloseAt, silent: false, wallNow: T10, _missing));
        Assert.Equal([1], _missing);
        Assert.True(_completeness.AlarmsThrough(T10) < CloseAt, "alarm windows wait for the lagging stage too");

        _completeness.Announce(new StatsProgress($"{(int)lagging}_1", 1, CloseAt, lagging));

        Assert.True(_completeness.MayClose(CloseAt, silent: false, wallNow: T10 + 1_000, _missing));
        Assert.Equal(CloseAt, _completeness.CompleteThrough());
    }

    private void Counted(int partition, long eventTime)
    {
        foreach (var stage in Enum.GetValues<StatsStage>())
        {
            _completeness.Announce(new StatsProgress($"{(int)stage}_{partition}", partition, eventTime, stage));
        }
    }
}
