namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// The event time reports are due by: the watermark while it moves; after <see cref="ReportingSettings.SilenceAfter"/>
/// of wall-clock time without progress, the watermark plus the silence, so empty intervals are still reported —
/// silence is news.
/// </summary>
internal sealed class ReportClock(TimeSpan silenceAfter, long startedAtMs)
{
    private readonly long _silenceAfterMs = (long)silenceAfter.TotalMilliseconds;
    private long _lastWatermark = -1;
    private long _lastAdvanceMs = startedAtMs;

    public (long Time, bool Silent) Observe(long watermark, long wallNow)
    {
        if (watermark > _lastWatermark)
        {
            _lastWatermark = watermark;
            _lastAdvanceMs = wallNow;
        }

        var silentFor = wallNow - _lastAdvanceMs;
        var silent = silentFor >= _silenceAfterMs && watermark >= 0;
        return (silent ? watermark + silentFor : watermark, silent);
    }
}
