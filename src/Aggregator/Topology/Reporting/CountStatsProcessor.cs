using Aggregator.Reports;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// Beside the window count, on the same records: per report interval, events by type, page views, volume per minute,
/// unique users, errors and late drops; per alarm rule, the matching records per hopping window. Lateness is judged
/// exactly as the window count judges it, so the footer's late drops include the records the counts left out — and
/// also those the counts still took but whose report interval had already closed here (past its end plus grace):
/// its summary may be out, so they are counted as late in the current interval rather than lost without a trace.
/// </summary>
internal sealed class CountStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, JudgedEvent>(StoreName, settings)
{
    public const string StoreName = "report-stats-counts";

    protected override bool IsCounting => true;

    protected override void Observe(string key, JudgedEvent value, long timestamp)
    {
        // The lateness judge's stream time (it survives restarts), so reports and counts drop the same records.
        var watermark = value.StreamTime;
        AdvanceEventTime(watermark);
        if (value.Late)
        {
            Stats.Interval(watermark).AddLate();
            return;
        }

        var counted = value.Event;
        var intervalEnd = ReportIntervals.StartOf(timestamp, Settings.Interval) + Settings.IntervalMs;
        if (intervalEnd + Settings.Windows.GraceMs <= watermark)
        {
            Stats.Interval(watermark).AddLate();
        }
        else
        {
            Stats.Interval(timestamp).Add(counted.Type, counted.Path == Activity.CountKeyBuilder.Missing ? null : counted.Path, counted.User, timestamp);
        }

        foreach (var rule in Settings.Rules.EventRules)
        {
            if (rule.Matches(key))
            {
                Stats.CountWindows(rule.Name, timestamp, watermark);
            }
        }
    }
}
