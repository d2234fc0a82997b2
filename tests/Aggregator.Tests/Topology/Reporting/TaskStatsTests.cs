using Aggregator.Reports;
using Aggregator.Topology.Reporting;
using static Aggregator.Tests.Reports.ReportTestData;

namespace Aggregator.Tests.Topology.Reporting;

public sealed class TaskStatsTests
{
    private const long Hour = 60 * Minute;
    private readonly ReportingSettings _settings = ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions());
    private readonly InMemoryReportingStore _store = new();

    [Fact]
    public void Flush_SendsAnIntervalOnceClosed_AndForgetsIt()
    {
        var stats = new TaskStats("1_0", _store, _settings);
        stats.Interval(T10 + Minute).AddDuplicate();

        Assert.Empty(stats.Flush(T10 + (5 * Minute), publish: false));
        var sent = Assert.Single(stats.Flush(T10 + (11 * Minute), publish: false)).Interval!;

        Assert.Equal((T10, 1L), (sent.IntervalStart, sent.Duplicates));
        Assert.DoesNotContain(_store.Keys, key => key.StartsWith("i:", StringComparison.Ordinal));
    }

    [Fact]
    public void ClosedThrough_SurvivesARestart()
    {
        new TaskStats("1_0", _store, _settings).Flush(T10 + (12 * Minute), publish: false);

        Assert.Equal(T10 + (12 * Minute), new TaskStats("1_0", _store, _settings).ClosedThrough);
    }

    // A duplicate of a two-hour-old event must not re-open 08:00–08:10, long sent: it is counted where it shows.
    [Fact]
    public void Interval_OfARecordWhoseIntervalClosed_IsTheOneBeingFilled()
    {
        var through = T10 + (10 * Minute) + 30_000; // 10:00–10:10 is still within its minute of grace
        new TaskStats("1_0", _store, _settings).Flush(through, publish: false);
        var restarted = new TaskStats("1_0", _store, _settings);

        restarted.Interval(T10 - (2 * Hour)).AddDuplicate();
        restarted.Interval(T10 + (5 * Minute)).AddDuplicate();

        var sent = restarted.Flush(through, publish: true).Select(r => r.Interval!).ToList();
        Assert.Equal([(T10, 1L), (T10 + (10 * Minute), 1L)], sent.Select(p => (p.IntervalStart, p.Duplicates)).Order());
    }

    [Fact]
    public void CountWindows_SkipsWindowsAlreadyClosed()
    {
        var stats = new TaskStats("2_0", _store, _settings);

        stats.CountWindows("rule", T10 + (4 * Minute), watermark: T10 + (8 * Minute)); // windows 10:00 … 10:04; 10:02 closed at 10:08

        var windows = stats.Flush(T10 + (8 * Minute), publish: true).Select(r => r.Window!.WindowStart).Order().ToList();
        Assert.Equal([T10 + (3 * Minute), T10 + (4 * Minute)], windows);
    }
}
