using Aggregator.Reports;

namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// Decides, interval by interval, when a report interval is done and what becomes of it: a summary in the outbox,
/// or — when it is more than <see cref="ReportingSettings.MaxCatchUp"/> behind while the merger is racing through a
/// backlog — a fold into the <see cref="CatchUp"/> the next summary carries as one line. Keeps the intervals'
/// partials (<see cref="PendingPartials"/>), how far it has reported and the previous interval's report.
/// </summary>
/// <remarks>
/// Issue 11, item 5: one late event or a backlog made the first summary start at its interval, and the channel got a
/// summary per interval up to now (54 after a restart, 62 for a six-hour backlog, in a second). An interval is folded
/// when it starts before <c>MaxCatchUp</c> ago (the later of report time and wall clock) <em>and</em> closes in a
/// rush: the first to close since start, or less than half an interval of wall time after the one before. So a
/// pipeline steadily lagging by more than <c>MaxCatchUp</c> still gets its summaries, one per interval, and silence
/// in real time is still reported. A catch-up under way also folds the empty intervals that follow it, up to the
/// first with data.
/// </remarks>
internal sealed partial class IntervalReporter
{
    private const int MaxReportsPerCall = 100;
    private const int MaxFoldsPerCall = 10_000; // empty intervals fold for nearly nothing; 30 days of them is 4,320
    private readonly ReportingSettings _settings;
    private readonly IReportingStore _store;
    private readonly IntervalCompleteness _completeness;
    private readonly MergerOutbox _outbox;
    private readonly PendingPartials _partials;
    private readonly List<int> _missing = [];
    private readonly long _maxCatchUpMs;
    private long _reportedThrough = -1;
    private long _lastClosedAtMs = -1;
    private IntervalReport? _previous;
    private CatchUp? _caughtUp;

    public IntervalReporter(ReportingSettings settings, IReportingStore store, IntervalCompleteness completeness, MergerOutbox outbox)
    {
        _settings = settings;
        _store = store;
        _completeness = completeness;
        _outbox = outbox;
        _partials = new PendingPartials(store);
        _maxCatchUpMs = Math.Max((long)settings.MaxCatchUp.TotalMilliseconds, settings.IntervalMs); // a whole interval at least
    }

    /// <summary>End of the last interval reported or folded; -1 before the first.</summary>
    public long ReportedThrough => _reportedThrough;

    /// <summary>
    /// Keeps a partial of an interval not reported yet; true when it brought news (for the stalled alarm). A partial
    /// of an interval already reported or folded cannot change what was sent: dropped.
    /// </summary>
    public bool Accept(ReportPartial partial) =>
        (_reportedThrough < 0 || partial.IntervalEnd > _reportedThrough) && _partials.Accept(partial);

    /// <summary>Reports or folds every interval that report time <paramref name="time"/> has closed and that may close.</summary>
    public void ReportDue(long time, bool silent, long wallNow)
    {
        var intervalMs = _settings.IntervalMs;
        var grace = _settings.Windows.GraceMs;
        var horizon = ReportIntervals.StartOf(Math.Max(time, wallNow) - _maxCatchUpMs, _settings.Interval);
        var (reports, folds, foldedLast) = (0, 0, false);
        while (reports < MaxReportsPerCall && folds < MaxFoldsPerCall)
        {
            // The first report starts at the earliest interval with a partial when it closes, not when the first
            // partial arrived: partials of an earlier interval may still come from a partition that is behind.
            if (_reportedThrough < 0 && _partials.IsEmpty)
            {
                break;
            }

            var start = _reportedThrough >= 0 ? _reportedThrough : _partials.Earliest;
            var end = start + intervalMs;
            if (end + grace > time)
            {
                _completeness.NothingDue();
                break;
            }

            if (!_completeness.MayClose(end + grace, silent, wallNow, _missing))
            {
                break;
            }

            // A catch-up under way also takes the empty intervals after it: a straggler from hours ago must not be
            // followed by a "no events" summary for every interval of the last hour before the real data.
            var rushing = _lastClosedAtMs < 0 || wallNow - _lastClosedAtMs < intervalMs / 2;
            if (rushing && (start < horizon || (_caughtUp is not null && !_partials.Holds(start))))
            {
                Fold(start, end);
                (folds, foldedLast) = (folds + 1, true);
            }
            else
            {
                Report(start, end);
                (reports, foldedLast) = (reports + 1, false);
            }

            _lastClosedAtMs = wallNow;
            _reportedThrough = end;
        }

        if (reports + folds > 0)
        {
            Persist(foldedLast);
        }
    }
}
