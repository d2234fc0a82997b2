using Aggregator.Topology;
using Aggregator.Topology.Reporting;
using static Aggregator.Tests.Reports.ReportTestData;

namespace Aggregator.Tests.Topology.Reporting;

/// <summary>The counting stage's lateness, kept consistent with the windows' and with what the merger reported.</summary>
public sealed class CountedEventStatsTests
{
    private const long Hour = 60 * Minute;
    private static readonly CountedEvent View = new("page_view", "/home", "u-1");
    private readonly ReportingSettings _settings = ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions());
    private readonly InMemoryReportingStore _store = new();

    [Fact]
    public void OnTimeEvent_IsCountedInItsInterval()
    {
        var stats = new TaskStats("2_0", _store, _settings);

        CountedEventStats.Count(stats, _settings, "page_view|/home", View, T10 + Minute, streamTime: T10 + Minute);

        var partial = Assert.Single(stats.Flush(T10 + Minute, publish: true)).Interval!;
        Assert.Equal((T10, 1L, 0L), (partial.IntervalStart, partial.Events, partial.LateDropped));
    }

    // Still within its windows' grace, but its interval's summary has closed: late in the interval being filled.
    [Fact]
    public void EventOfAClosedInterval_IsCountedLate_InTheCurrentInterval()
    {
        var stats = new TaskStats("2_0", _store, _settings);

        CountedEventStats.Count(stats, _settings, "page_view|/home", View, T10 + (9 * Minute), streamTime: T10 + (11 * Minute) + 30_000);

        var partial = Assert.Single(stats.Flush(T10 + (11 * Minute) + 30_000, publish: true)).Interval!;
        Assert.Equal((T10 + (10 * Minute), 0L, 1L), (partial.IntervalStart, partial.Events, partial.LateDropped));
    }

    // A runtime whose stream time starts over after a restart sees a twelve-hour-old event as the newest thing.
    [Fact]
    public void TwelveHourOldEvent_AfterARestart_IsLate_ByWhatTheTaskHadClosed()
    {
        new TaskStats("2_0", _store, _settings).Flush(T10 + (12 * Minute), publish: false);
        var restarted = new TaskStats("2_0", _store, _settings);
        var old = T10 - (12 * Hour);

        CountedEventStats.Count(restarted, _settings, "page_view|/home", View, old, streamTime: old);

        var partial = Assert.Single(restarted.Flush(old, publish: true)).Interval!;
        Assert.Equal((T10 + (10 * Minute), 0L, 1L), (partial.IntervalStart, partial.Events, partial.LateDropped));
    }
}
