using System.Globalization;
using Aggregator.Reports;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// One task's report partials and alarm-window counts, in memory between commits and in a store at each commit
/// (so committed state reflects exactly the records processed). Emitted to the merger every publish interval and
/// when an interval or window closes; entries are dropped once closed and emitted.
/// </summary>
/// <remarks>
/// How far the task had got (<see cref="ClosedThrough"/>) is kept in the store too: a runtime whose stream time
/// starts over after a restart would otherwise let a twelve-hour-old record re-open an interval reported long ago,
/// and the merger would see a new interval where there is only a late record (issue 11, item 5).
/// </remarks>
internal sealed class TaskStats
{
    private const string IntervalPrefix = "i:";
    private const string WindowPrefix = "w:";
    private const string ClosedThroughKey = "s:closed-through";
    private readonly string _source;
    private readonly IReportingStore _store;
    private readonly ReportingSettings _settings;
    private readonly Dictionary<long, (ReportAccumulator Accumulator, bool Dirty, bool Unsent)> _intervals = [];
    private readonly Dictionary<(string Rule, long Start), (long End, long Count, bool Dirty, bool Unsent)> _windows = [];

    public TaskStats(string source, IReportingStore store, ReportingSettings settings)
    {
        _source = source;
        _store = store;
        _settings = settings;
        foreach (var (key, value) in store.All())
        {
            if (key.StartsWith(IntervalPrefix, StringComparison.Ordinal))
            {
                var partial = ReportPartial.FromUtf8Json(value);
                _intervals[partial.IntervalStart] = (ReportAccumulator.Resume(partial, settings.MaxTrackedPages), false, false);
            }
            else if (key.StartsWith(WindowPrefix, StringComparison.Ordinal))
            {
                var (rule, start, end) = ParseWindowKey(key);
                _windows[(rule, start)] = (end, StoreValues.ReadLong(value), false, false);
            }
            else if (key == ClosedThroughKey)
            {
                ClosedThrough = StoreValues.ReadLong(value);
            }
        }
    }

    /// <summary>
    /// The largest watermark this task has flushed (its intervals up to there are closed and sent), surviving
    /// restarts; -1 before the first.
    /// </summary>
    public long ClosedThrough { get; private set; } = -1;

    /// <summary>
    /// The accumulator of the report interval containing <paramref name="eventTimeMs"/>, marked changed; for a
    /// record whose interval this task has already closed, the interval it is filling now, so a straggler is
    /// counted where the next summary shows it instead of re-opening an interval that was sent.
    /// </summary>
    public ReportAccumulator Interval(long eventTimeMs)
    {
        var start = ReportIntervals.StartOf(eventTimeMs, _settings.Interval);
        if (ClosedThrough >= 0 && start + _settings.IntervalMs + _settings.Windows.GraceMs <= ClosedThrough)
        {
            start = ReportIntervals.StartOf(ClosedThrough, _settings.Interval);
        }

        if (!_intervals.TryGetValue(start, out var entry))
        {
            entry = (new ReportAccumulator(_source, start, start + _settings.IntervalMs, _settings.MaxTrackedPages), true, true);
        }

        _intervals[start] = (entry.Accumulator, true, true);
        return entry.Accumulator;
    }

    /// <summary>Counts one record for <paramref name="rule"/> in every still-open hopping window containing <paramref name="timestampMs"/>.</summary>
    public void CountWindows(string rule, long timestampMs, long watermark)
    {
        var windows = _settings.Windows;
        foreach (var start in windows.WindowStartsFor(timestampMs))
        {
            var end = start + windows.SizeMs;
            if (end + windows.GraceMs <= watermark)
            {
                continue; // closed: the window count drops it too
            }

            var current = _windows.TryGetValue((rule, start), out var entry) ? entry.Count : 0;
            _windows[(rule, start)] = (end, current + 1, true, true);
        }
    }

    /// <summary>
    /// At commit: writes changed entries to the store; returns the records to send (all unsent ones when
    /// <paramref name="publish"/>, plus any closed by <paramref name="watermark"/>), and forgets closed entries.
    /// </summary>
    public List<ReportingRecord> Flush(long watermark, bool publish)
    {
        var records = new List<ReportingRecord>();
        var grace = _settings.Windows.GraceMs;
        if (watermark > ClosedThrough)
        {
            ClosedThrough = watermark;
            _store.Put(ClosedThroughKey, StoreValues.Long(watermark));
        }

        foreach (var (start, (accumulator, dirty, unsent)) in _intervals.ToList())
        {
            var closed = watermark >= 0 && accumulator.IntervalEnd + grace <= watermark;
            if (dirty || (closed && unsent) || (publish && unsent))
            {
                var partial = accumulator.Snapshot();
                if (closed)
                {
                    _store.Delete(IntervalKey(start));
                    _intervals.Remove(start);
                }
                else
                {
                    _store.Put(IntervalKey(start), partial.ToUtf8Json());
                    _intervals[start] = (accumulator, false, unsent && !publish);
                }

                if (publish || closed)
                {
                    records.Add(new ReportingRecord { Interval = partial });
                }
            }
            else if (closed)
            {
                _store.Delete(IntervalKey(start));
                _intervals.Remove(start);
            }
        }

        foreach (var ((rule, start), (end, count, dirty, wasUnsent)) in _windows.ToList())
        {
            var unsent = wasUnsent;
            var closed = watermark >= 0 && end + grace <= watermark;
            if (dirty && !closed)
            {
                _store.Put(WindowKey(rule, start, end), StoreValues.Long(count));
            }

            if ((publish || closed) && (unsent || dirty))
            {
                records.Add(new ReportingRecord { Window = new RuleWindowCount(_source, rule, start, end, count) });
                unsent = false;
            }

            if (closed)
            {
                _store.Delete(WindowKey(rule, start, end));
                _windows.Remove((rule, start));
            }
            else
            {
                _windows[(rule, start)] = (end, count, false, unsent);
            }
        }

        return records;
    }

    private static string IntervalKey(long start) => IntervalPrefix + start.ToString(CultureInfo.InvariantCulture);

    private static string WindowKey(string rule, long start, long end) =>
        string.Create(CultureInfo.InvariantCulture, $"{WindowPrefix}{start}:{end}:{rule}");

    private static (string Rule, long Start, long End) ParseWindowKey(string key)
    {
        var parts = key[WindowPrefix.Length..].Split(':', 3);
        return (parts[2], long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
