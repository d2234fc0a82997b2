using System.Text;
using Aggregator.Reports;
using static Aggregator.Tests.Reports.ReportTestData;

namespace Aggregator.Tests.Reports;

public sealed class ReportAccumulatorTests
{
    [Fact]
    public void Add_CountsTypesPagesErrorsMinutesAndUsers()
    {
        var accumulator = Accumulator("1_3");

        accumulator.Add("page_view", "/products/42", "u-1", T10);
        accumulator.Add("page_view", "/products/42", "u-2", T10 + 59_999);
        accumulator.Add("page_view", "/", "u-1", T10 + Minute);
        accumulator.Add("click", "/products/42", "u-1", T10 + (9 * Minute) + 59_999);
        accumulator.Add("error", "/checkout", "u-3", T10 + (5 * Minute));
        accumulator.Add("page_view", null, "u-4", T10 + (5 * Minute));
        var partial = accumulator.Snapshot();

        Assert.Equal("1_3", partial.Source);
        Assert.Equal(T10, partial.IntervalStart);
        Assert.Equal(T10 + (10 * Minute), partial.IntervalEnd);
        Assert.Equal(6, partial.Events);
        Assert.Equal(new Dictionary<string, long> { ["page_view"] = 4, ["click"] = 1, ["error"] = 1 }, partial.ByType);
        Assert.Equal(new Dictionary<string, long> { ["/products/42"] = 2, ["/"] = 1 }, partial.PageViews);
        Assert.Equal(1, partial.Errors);
        Assert.Equal([2L, 1, 0, 0, 0, 2, 0, 0, 0, 1], partial.PerMinute);
        Assert.Equal(4, HyperLogLog.FromBytes(partial.Users).Estimate());
    }

    [Fact]
    public void Add_WithUtf8Key_CountsTheSameUserAsTheString()
    {
        var accumulator = Accumulator();

        accumulator.Add("click", null, "u-ß", T10);
        accumulator.Add("click", null, Encoding.UTF8.GetBytes("u-ß"), T10);

        Assert.Equal(1, HyperLogLog.FromBytes(accumulator.Snapshot().Users).Estimate());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10 * Minute)]
    public void Add_RejectsEventsOutsideTheInterval(long offset)
    {
        var accumulator = Accumulator();

        Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.Add("click", null, "u", T10 + offset));
        Assert.Equal(0, accumulator.Events);
    }

    [Fact]
    public void PipelineCounters_MakeACountersOnlyPartial()
    {
        var accumulator = Accumulator();

        accumulator.AddLate();
        accumulator.AddLate(2);
        accumulator.AddDeadLettered(4);
        accumulator.AddOptedOut(5);
        accumulator.AddDuplicate(6);
        var partial = accumulator.Snapshot();

        Assert.Equal((0L, 3L, 4L, 5L, 6L), (partial.Events, partial.LateDropped, partial.DeadLettered, partial.OptedOut, partial.Duplicates));
        Assert.Empty(partial.Users);
        Assert.Empty(partial.ByType);
        Assert.Equal(new long[10], partial.PerMinute);
    }

    [Fact]
    public void Snapshot_IncreasesTheSequence_AndIsACopy()
    {
        var accumulator = Accumulator();
        accumulator.Add("click", null, "u", T10);

        var first = accumulator.Snapshot();
        accumulator.Add("click", null, "u", T10);
        var second = accumulator.Snapshot();

        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(1, first.Events);
        Assert.Equal(1, first.ByType["click"]);
        Assert.Equal(1, first.PerMinute[0]);
        Assert.Equal(2, second.Events);
    }

    [Fact]
    public void HasChanges_TracksCountsSinceTheLastSnapshot()
    {
        var accumulator = Accumulator();
        Assert.False(accumulator.HasChanges);

        accumulator.Add("click", null, "u", T10);
        Assert.True(accumulator.HasChanges);
        accumulator.Snapshot();
        Assert.False(accumulator.HasChanges);
        accumulator.AddDuplicate(0);
        Assert.False(accumulator.HasChanges);
        accumulator.AddOptedOut();
        Assert.True(accumulator.HasChanges);
    }

    [Fact]
    public void Resume_ContinuesCountsAndSequence()
    {
        var before = Accumulator("0_1");
        before.Add("page_view", "/a", "u-1", T10);
        before.AddLate();
        var persisted = ReportPartial.FromUtf8Json(before.Snapshot().ToUtf8Json());

        var resumed = ReportAccumulator.Resume(persisted);
        resumed.Add("page_view", "/a", "u-2", T10 + Minute);
        resumed.AddLate();
        var partial = resumed.Snapshot();

        Assert.Equal(2, partial.Sequence);
        Assert.Equal(2, partial.Events);
        Assert.Equal(2, partial.PageViews["/a"]);
        Assert.Equal(2, partial.LateDropped);
        Assert.Equal([1L, 1, 0, 0, 0, 0, 0, 0, 0, 0], partial.PerMinute);
        Assert.Equal(2, HyperLogLog.FromBytes(partial.Users).Estimate());
        Assert.True(partial.Supersedes(persisted));
    }

    [Fact]
    public void PageCap_CountsNewPathsAsOther_ButKeepsCountingKnownOnes()
    {
        var accumulator = new ReportAccumulator("0_0", T10, T10 + (10 * Minute), maxTrackedPages: 2);

        accumulator.Add("page_view", "/a", "u", T10);
        accumulator.Add("page_view", "/b", "u", T10);
        accumulator.Add("page_view", "/c", "u", T10);
        accumulator.Add("page_view", "/a", "u", T10);
        accumulator.Add("page_view", "/d", "u", T10);
        var partial = accumulator.Snapshot();

        Assert.Equal(new Dictionary<string, long> { ["/a"] = 2, ["/b"] = 1 }, partial.PageViews);
        Assert.Equal(2, partial.OtherPageViews);
        Assert.Equal(5, partial.ByType["page_view"]);
    }

    [Fact]
    public void Constructor_RejectsIntervalsThatAreNotWholeMinutes()
    {
        Assert.Throws<ArgumentException>(() => new ReportAccumulator("s", T10, T10 + 90_000));
        Assert.Throws<ArgumentException>(() => new ReportAccumulator("s", T10, T10));
        Assert.Throws<ArgumentException>(() => new ReportAccumulator(" ", T10, T10 + Minute));
    }
}
