namespace Aggregator.Topology.Reporting;

/// <summary>
/// Counts, per report interval, the raw records this task sent to the DLQ and the events of opted-out users it
/// dropped, plus dead letters per hopping window for DLQ-spike alarms. Dead letters have no trustworthy event time,
/// so they are attributed to how far this partition's event time has got.
/// </summary>
internal sealed class RefineStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string, RefineOutcome>(StoreName, settings)
{
    public const string StoreName = "report-stats-refine";

    // Its event time is a vouch: the task reads its raw partition in order, so everything before it has been seen.
    protected override StatsStage Stage => StatsStage.Refine;

    protected override void Observe(string key, RefineOutcome value, long timestamp)
    {
        if (value.DeadLetter is null)
        {
            AdvanceEventTime(timestamp);
            if (value.OptedOut)
            {
                Stats.Interval(timestamp).AddOptedOut();
            }

            return;
        }

        var at = EventTime >= 0 ? EventTime : timestamp;
        Stats.Interval(at).AddDeadLettered();
        foreach (var rule in Settings.Rules.DeadLetterRules)
        {
            Stats.CountWindows(rule.Name, at, EventTime);
        }
    }
}
