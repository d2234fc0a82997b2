namespace Aggregator.Topology.Reporting;

/// <summary>
/// Counts, per report interval, the raw records this task sent to the DLQ and the events of opted-out users it
/// dropped, plus dead letters per hopping window for DLQ-spike alarms. Dead letters have no trustworthy event time,
/// so they are attributed to how far this partition's event time has got.
/// </summary>
internal sealed class RefineStatsProcessor(ReportingSettings settings) : TaskStatsProcessor<string?, RefineOutcome>(StoreName, settings)
{
    public const string StoreName = "report-stats-refine";
    private long _eventTime = -1;

    protected override long EventTime => _eventTime;

    public override void Process(Streams.Processors.Record<string?, RefineOutcome> record)
    {
        var outcome = record.Value;
        if (outcome.DeadLetter is null)
        {
            _eventTime = Math.Max(_eventTime, record.Timestamp);
            if (outcome.OptedOut)
            {
                Stats.Interval(record.Timestamp).AddOptedOut();
            }

            return;
        }

        var at = _eventTime >= 0 ? _eventTime : record.Timestamp;
        Stats.Interval(at).AddDeadLettered();
        foreach (var rule in Settings.Rules.DeadLetterRules)
        {
            Stats.CountWindows(rule.Name, at, _eventTime);
        }
    }
}
