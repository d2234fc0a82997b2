using Aggregator.Topology;
using Aggregator.Topology.Reporting;
using Aggregator.Tests.Topology.Reporting.Merging;
using static Aggregator.Tests.Topology.Reporting.Merging.MergerHarness;

namespace Aggregator.Tests.Topology.Reporting;

/// <summary>
/// A counting task and the merger, end to end without a runtime, across a restart of the task: seven
/// twelve-hour-old events (issue 11, item 5: they made a restarted worker render 54 summaries).
/// </summary>
public sealed class LateAfterRestartTests
{
    private readonly ReportingSettings _settings = ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions());
    private readonly InMemoryReportingStore _taskStore = new();
    private readonly MergerHarness _merger = new(countingPartitions: 1, wallClock: T10 + (30 * Minute));

    [Fact]
    public void TwelveHourOldEvents_AfterARestart_AreCountedLate_AndNoSummaryIsSentForTheirIntervals()
    {
        var stats = new TaskStats("2_0", _taskStore, _settings);
        for (var minute = 1; minute <= 5; minute++)
        {
            Count(stats, T10 + (minute * Minute), streamTime: T10 + (minute * Minute));
        }

        Count(stats, T10 + (12 * Minute), streamTime: T10 + (12 * Minute));
        Publish(stats, T10 + (12 * Minute));

        // The task restarts on a runtime whose stream time starts over: the old events come first.
        var restarted = new TaskStats("2_0", _taskStore, _settings);
        for (var i = 0; i < 7; i++)
        {
            var old = T10 - (12 * Hour) + (i * Minute);
            Count(restarted, old, streamTime: old);
        }

        Count(restarted, T10 + (15 * Minute), streamTime: T10 + (15 * Minute));
        Count(restarted, T10 + (22 * Minute), streamTime: T10 + (22 * Minute));
        Publish(restarted, T10 + (22 * Minute));

        var summaries = _merger.Outbox.Summaries;
        Assert.Equal(2, summaries.Count);
        Assert.Contains("Activity 10:00–10:10 UTC", summaries[0], StringComparison.Ordinal);
        Assert.Contains("*5* events", summaries[0], StringComparison.Ordinal);
        Assert.Contains("Activity 10:10–10:20 UTC", summaries[1], StringComparison.Ordinal);
        Assert.Contains("*2* events", summaries[1], StringComparison.Ordinal);
        Assert.Contains("late dropped: 7", summaries[1], StringComparison.Ordinal);
        Assert.DoesNotContain(summaries, s => s.Contains("Caught up", StringComparison.Ordinal));
    }

    private void Count(TaskStats stats, long timestamp, long streamTime) =>
        CountedEventStats.Count(stats, _settings, "page_view|/home", new CountedEvent("page_view", "/home", "u-" + timestamp), timestamp, streamTime);

    /// <summary>What the task's commit sends: its partials, then its progress; the merger's tick follows.</summary>
    private void Publish(TaskStats stats, long eventTime)
    {
        foreach (var record in stats.Flush(eventTime, publish: true))
        {
            Assert.True(record.Interval is null || record.Interval.IntervalStart >= T10, "no partial of a twelve-hour-old interval");
            _merger.Send(record);
        }

        _merger.Progress(0, eventTime);
        _merger.Tick();
    }
}
