using System.Buffers.Binary;
using System.Globalization;
using Aggregator.Reports;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// One task's report partials and alarm-window counts, in memory between commits and in a store at each commit
/// (so committed state reflects exactly the records processed). Emitted to the merger every publish interval and
/// when an interval or window closes; entries are dropped once closed and emitted.
/// </summary>
internal sealed class TaskStats
{
    private const string IntervalPrefix = "i:";
    private const string WindowPrefix = "w:";
    private readonly string _source;
    private readonly IKeyValueStore<string, byte[]> _store;
    private readonly ReportingSettings _settings;
    private readonly Dictionary<long, (ReportAccumulator Accumulator, bool Dirty, bool Unsent)> _intervals = [];
    private readonly Dictionary<(string Rule, long Start), (long End, long Count, bool Dirty, bool Unsent)> _windows = [];

    public TaskStats(string source, IKeyValueStore<string, byte[]> store, ReportingSettings settings)
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
                _windows[(rule, start)] = (end, BinaryPrimitives.ReadInt64BigEndian(value), false, false);
            }
        }
    }

    /// <summary>The accumulator of the report interval containing <paramref name="eventTimeMs"/>, marked changed.</summary>
    public ReportAccumulator Interval(long eventTimeMs)
    {
        var start = ReportIntervals.StartOf(eventTimeMs, _settings.Interval);
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
                var bytes = new byte[8];
                BinaryPrimitives.WriteInt64BigEndian(bytes, count);
                _store.Put(WindowKey(rule, start, end), bytes);
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
