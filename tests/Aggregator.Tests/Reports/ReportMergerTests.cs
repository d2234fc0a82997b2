using Aggregator.Reports;
using static Aggregator.Tests.Reports.ReportTestData;

namespace Aggregator.Tests.Reports;

public sealed class ReportMergerTests
{
    [Fact]
    public void Merge_SumsAcrossSources()
    {
        var a = Accumulator("0_0");
        a.Add("page_view", "/a", "u-1", T10);
        a.Add("error", "/a", "u-1", T10 + Minute);
        a.AddLate(2);
        var b = Accumulator("0_1");
        b.Add("page_view", "/a", "u-2", T10);
        b.Add("page_view", "/b", "u-3", T10 + (9 * Minute));
        b.AddDeadLettered(3);
        b.AddOptedOut(4);
        b.AddDuplicate(5);
        var counters = Accumulator("0_2");
        counters.AddDeadLettered(1);

        var report = ReportMerger.Merge([a.Snapshot(), b.Snapshot(), counters.Snapshot()]);

        Assert.Equal(T10, report.IntervalStart);
        Assert.Equal(4, report.Events);
        Assert.Equal(new Dictionary<string, long> { ["page_view"] = 3, ["error"] = 1 }, report.ByType);
        Assert.Equal(new Dictionary<string, long> { ["/a"] = 2, ["/b"] = 1 }, report.PageViews);
        Assert.Equal([2L, 1, 0, 0, 0, 0, 0, 0, 0, 1], report.PerMinute);
        Assert.Equal(3, report.UniqueUsers);
        Assert.Equal(1, report.Errors);
        Assert.Equal((2L, 4L, 4L, 5L), (report.LateDropped, report.DeadLettered, report.OptedOut, report.Duplicates));
        Assert.Equal(["0_0", "0_1", "0_2"], report.Sources);
        Assert.Equal(3, report.SourcesReported);
    }

    [Fact]
    public void Merge_KeepsOnlyTheLatestPartialPerSource_WhateverTheOrder()
    {
        var a = Accumulator("0_0");
        a.Add("click", null, "u-1", T10);
        var first = a.Snapshot();
        a.Add("click", null, "u-2", T10);
        var second = a.Snapshot();
        var other = Accumulator("0_1");
        other.Add("click", null, "u-3", T10);
        var fromOther = other.Snapshot();

        // Duplicates and a replay of the older partial arriving last: cumulative counts are not added up.
        var report = ReportMerger.Merge([second, fromOther, first, second, first]);

        Assert.Equal(3, report.Events);
        Assert.Equal(3, report.ByType["click"]);
        Assert.Equal(3, report.UniqueUsers);
        Assert.Equal(2, report.SourcesReported);
    }

    [Fact]
    public void Merge_UnitesUserSketches_CountingSharedUsersOnce()
    {
        // A user whose events were spread over two tasks (e.g. repartitioned by page) is one user.
        var a = Accumulator("0_0");
        var b = Accumulator("0_1");
        for (var i = 0; i < 3_000; i++)
        {
            a.Add("click", null, $"u-{i}", T10);
            b.Add("click", null, $"u-{i + 2_000}", T10);
        }

        var report = ReportMerger.Merge([a.Snapshot(), b.Snapshot()]);

        Assert.InRange(report.UniqueUsers, 5_000 * 0.97, 5_000 * 1.03);
    }

    [Fact]
    public void Merge_WithNoPartials_IsTheSilentInterval()
    {
        var report = ReportMerger.Merge(T10, T10 + (10 * Minute), []);

        Assert.Equal(0, report.Events);
        Assert.Equal(0, report.UniqueUsers);
        Assert.Equal(new long[10], report.PerMinute);
        Assert.Equal(0, report.SourcesReported);
        Assert.Throws<ArgumentException>(() => ReportMerger.Merge([]));
    }

    [Fact]
    public void Merge_RejectsPartialsOfAnotherInterval()
    {
        var current = Accumulator("0_0").Snapshot();
        var next = Accumulator("0_1", T10 + (10 * Minute)).Snapshot();

        var ex = Assert.Throws<ArgumentException>(() => ReportMerger.Merge([current, next]));

        Assert.Contains("0_1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntervalReport_Json_RoundTrips()
    {
        var report = Report(T10, new Dictionary<string, long> { ["/a"] = 3 }, new Dictionary<string, long> { ["error"] = 2 }, users: 2);

        var copy = IntervalReport.FromUtf8Json(report.ToUtf8Json());

        Assert.Equal(report.Events, copy.Events);
        Assert.Equal(report.PageViews, copy.PageViews);
        Assert.Equal(report.ByType, copy.ByType);
        Assert.Equal(report.PerMinute, copy.PerMinute);
        Assert.Equal(report.UniqueUsers, copy.UniqueUsers);
        Assert.Equal(report.Sources, copy.Sources);
        Assert.Equal(2, copy.Errors);
    }
}
