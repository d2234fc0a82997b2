using Aggregator.Reports;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// What the counting stage records about one counted event, beside the window count: its report interval's
/// figures, or a late drop; and its alarm windows. Lateness is judged exactly as the window count judges it, so the
/// footer's late drops include the records the counts left out — and also those the counts still took but whose
/// report interval had already closed here (past its end plus grace): its summary may be out, so they are counted
/// as late in the current interval rather than lost without a trace.
/// </summary>
internal static class CountedEventStats
{
    /// <summary>Records the event <paramref name="value"/> with count key <paramref name="countKey"/> at <paramref name="timestamp"/>.</summary>
    /// <remarks><paramref name="stats"/> is the task's, <paramref name="settings"/> the reporting settings;
    /// <paramref name="streamTime"/> is the runtime's stream time for the task (-1 before any record).</remarks>
    public static void Count(TaskStats stats, ReportingSettings settings, string countKey, CountedEvent value, long timestamp, long streamTime)
    {
        // The later of the runtime's stream time and how far this task had closed before a restart: a runtime whose
        // stream time starts over must not count twelve-hour-old events into intervals reported long ago.
        var watermark = Math.Max(streamTime, stats.ClosedThrough);
        var windows = settings.Windows;
        var lastWindowStart = timestamp - (((timestamp % windows.AdvanceMs) + windows.AdvanceMs) % windows.AdvanceMs);
        if (lastWindowStart + windows.SizeMs + windows.GraceMs <= watermark)
        {
            stats.Interval(watermark).AddLate();
            return;
        }

        var intervalEnd = ReportIntervals.StartOf(timestamp, settings.Interval) + settings.IntervalMs;
        if (intervalEnd + windows.GraceMs <= watermark)
        {
            stats.Interval(watermark).AddLate();
        }
        else
        {
            stats.Interval(timestamp).Add(value.Type, value.Path == Activity.CountKeyBuilder.Missing ? null : value.Path, value.User, timestamp);
        }

        foreach (var rule in settings.Rules.EventRules)
        {
            if (rule.Matches(countKey))
            {
                stats.CountWindows(rule.Name, timestamp, watermark);
            }
        }
    }
}
