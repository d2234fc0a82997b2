using Aggregator.Reports;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// Beside the window count, on the same records: per report interval, events by type, page views, volume per minute,
/// unique users, errors and late drops; per alarm rule, the matching records per hopping window. Lateness is judged
/// exactly as the window count judges it, so the footer's late drops include the records the counts left out — and
/// also those the counts still took but whose report interval had already closed here (past its end plus grace):
/// its summary may be out, so they are counted as late in the current interval rather than lost without a trace.
/// </summary>
internal sealed class CountStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, CountedEvent>(StoreName, settings)
{
    public const string StoreName = "report-stats-counts";

    protected override bool IsCounting => true;

    public override void Process(Streams.Processors.Record<string, CountedEvent> record)
    {
        var windows = Settings.Windows;
        var watermark = StreamTime;
        var lastWindowStart = record.Timestamp - (((record.Timestamp % windows.AdvanceMs) + windows.AdvanceMs) % windows.AdvanceMs);
        if (lastWindowStart + windows.SizeMs + windows.GraceMs <= watermark)
        {
            Stats.Interval(watermark).AddLate();
            return;
        }

        var value = record.Value;
        var intervalEnd = ReportIntervals.StartOf(record.Timestamp, Settings.Interval) + Settings.IntervalMs;
        if (intervalEnd + windows.GraceMs <= watermark)
        {
            Stats.Interval(watermark).AddLate();
        }
        else
        {
            Stats.Interval(record.Timestamp).Add(value.Type, value.Path == Activity.CountKeyBuilder.Missing ? null : value.Path, value.User, record.Timestamp);
        }

        foreach (var rule in Settings.Rules.EventRules)
        {
            if (rule.Matches(record.Key))
            {
                Stats.CountWindows(rule.Name, record.Timestamp, watermark);
            }
        }
    }
}
