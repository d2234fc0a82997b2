using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Aggregator.Alarms;
using Aggregator.Reports;
using Aggregator.Slack;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// The single task that turns every task's partials into one summary per report interval and decides alarms.
/// It runs on one partition, so exactly one instance owns it however many run. Everything it knows and decides —
/// partials, alarm states, the outbox of messages not yet delivered, the ids already delivered — is in one store with
/// a changelog: a restart or failover neither forgets a firing alarm nor pages twice, and no decided message is lost.
/// </summary>
/// <remarks>
/// An interval is reported when the merged watermark (the slowest task's progress) passes its end plus grace
/// <em>and</em> every counting partition has announced (<see cref="StatsProgress"/>) that it has too. The runtime's
/// watermark alone is not enough: it stops waiting for an upstream task that has sent nothing yet once that task calls
/// itself idle, and a counting task that merely had no data <em>yet</em> would then be left out of the summary. A
/// counting partition that does not catch up within <see cref="ReportingSettings.SilenceAfter"/> of wall-clock time
/// does not hold the summary back for ever: the interval is sent, and its footer names the partitions missing. When
/// input stops altogether, time is extrapolated on the wall clock after <see cref="ReportingSettings.SilenceAfter"/>,
/// so a silent stream still reports — silence is news.
/// </remarks>
internal sealed class ReportMergerProcessor(ReportingSettings settings, ReportingMetrics metrics, StreamsMetrics streams)
    : IProcessor<string, ReportingRecord>
{
    public const string StoreName = "report-merger";
    private const int MaxStepsPerCall = 100;
    private readonly SortedDictionary<long, Dictionary<string, ReportPartial>> _partials = [];
    private readonly Dictionary<(string Rule, long Start), Dictionary<string, long>> _windows = [];
    private readonly Dictionary<string, AlarmState> _alarms = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _countedThrough = [];
    private readonly Dictionary<string, SlackMessage> _outbox = new(StringComparer.Ordinal);
    private ProcessorContext<string, ReportingRecord> _context = null!;
    private string _task = string.Empty;
    private IKeyValueStore<string, byte[]> _store = null!;
    private long _reportedThrough = -1;
    private long _alarmsThrough = -1;
    private long _lastWatermark = -1;
    private long _lastAdvanceWallMs;
    private long _lastInputWallMs;
    private long _lastPurgeMs;
    private long _incompleteSinceWallMs = -1;
    private int _countingPartitions;

    public void Init(ProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        _task = context.Id.ToString();
        streams.TaskStarted(_task);
        _store = (IKeyValueStore<string, byte[]>)context.GetStateStore(StoreName);
        _countingPartitions = settings.CountingPartitions;
        _lastAdvanceWallMs = _lastInputWallMs = WallClockTime;
        Load();
        context.Schedule(TimeSpan.FromSeconds(1), PunctuationType.PROCESSING_TIME, _ => OnTick(WallClockTime));
    }

    private long WallClockTime => settings.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Process(Record<string, ReportingRecord> record)
    {
        streams.RecordProcessed(_task);
        if (record.Value.Interval is { } partial)
        {
            Accept(partial);
        }

        if (record.Value.Window is { } window)
        {
            Accept(window);
        }

        if (record.Value.Progress is { } progress)
        {
            Accept(progress);
        }

        Advance(WallClockTime);
    }

    public void Close()
    {
        streams.TaskClosed(_task);
        settings.Outbox.Release();
    }

    private void Accept(ReportPartial partial)
    {
        if (_reportedThrough >= 0 && partial.IntervalEnd <= _reportedThrough)
        {
            return; // this interval was already reported: a straggler cannot change what was sent
        }

        if (!_partials.TryGetValue(partial.IntervalStart, out var bySource))
        {
            bySource = new Dictionary<string, ReportPartial>(StringComparer.Ordinal);
            _partials[partial.IntervalStart] = bySource;
        }

        if (bySource.TryGetValue(partial.Source, out var existing) && !partial.Supersedes(existing))
        {
            return;
        }

        if (existing is null || partial.Events > existing.Events || partial.DeadLettered > existing.DeadLettered)
        {
            _lastInputWallMs = WallClockTime;
        }

        bySource[partial.Source] = partial;
        _store.Put(Key("p", partial.IntervalStart, partial.Source), partial.ToUtf8Json());
    }

    private void Accept(StatsProgress progress)
    {
        if (progress.Counting && progress.EventTime > _countedThrough.GetValueOrDefault(progress.Partition, -1))
        {
            _countedThrough[progress.Partition] = progress.EventTime;
            _store.Put(string.Create(CultureInfo.InvariantCulture, $"c:{progress.Partition}"), Long(progress.EventTime));
        }
    }

    private void Accept(RuleWindowCount count)
    {
        if (_alarmsThrough >= 0 && count.WindowStart <= _alarmsThrough)
        {
            return; // closed and judged already
        }

        if (!_windows.TryGetValue((count.Rule, count.WindowStart), out var bySource))
        {
            bySource = new Dictionary<string, long>(StringComparer.Ordinal);
            _windows[(count.Rule, count.WindowStart)] = bySource;
        }

        bySource[count.Source] = Math.Max(count.Count, bySource.GetValueOrDefault(count.Source));
        _store.Put(Key("w", count.WindowStart, count.Source + "|" + count.Rule), Long(bySource[count.Source]));
        if (_alarmsThrough < 0)
        {
            _alarmsThrough = count.WindowStart - settings.Windows.AdvanceMs;
            _store.Put("s:alarms-through", Long(_alarmsThrough));
        }

        // "Above" fires as soon as a window crosses: judge the open window now, not when it closes.
        var rule = settings.Rules.Rules.FirstOrDefault(r => r.Name == count.Rule);
        if (rule is not null)
        {
            Observe(rule, count.WindowStart, bySource.Values.Sum(), closed: false);
        }
    }

    private void OnTick(long wallNow)
    {
        Advance(wallNow);
        EvaluateBuiltins(wallNow);
        Deliver();
        if (wallNow - _lastPurgeMs >= 3_600_000)
        {
            _lastPurgeMs = wallNow;
            PurgeDeliveredIds(wallNow - (long)TimeSpan.FromDays(7).TotalMilliseconds);
        }
    }

    // Delivered ids are remembered long enough to absorb any replay or failover, not forever.
    private void PurgeDeliveredIds(long before)
    {
        foreach (var (key, value) in _store.All().Where(e => e.Key.StartsWith("d:", StringComparison.Ordinal)).ToList())
        {
            if (BinaryPrimitives.ReadInt64BigEndian(value) < before)
            {
                _store.Delete(key);
            }
        }
    }

    private void Advance(long wallNow)
    {
        var watermark = ReportTime();
        if (watermark > _lastWatermark)
        {
            _lastWatermark = watermark;
            _lastAdvanceWallMs = wallNow;
        }

        // Silence: after a while without progress, let the wall clock move report time on, so empty intervals are reported.
        var silentFor = wallNow - _lastAdvanceWallMs;
        var silent = silentFor >= (long)settings.SilenceAfter.TotalMilliseconds && watermark >= 0;
        var reportTime = silent ? watermark + silentFor : watermark;
        ReportDue(reportTime, silent, wallNow);

        // Alarm windows are counted by the same partitions: judge closed ones only as far as all of them have got,
        // unless the stragglers have been given up on (as the summary does).
        JudgeClosedWindows(GaveUpWaiting(wallNow) ? watermark : Math.Min(watermark, CountedThrough()));
    }

    /// <summary>
    /// Report time: the furthest any counting partition has announced (stream time, as Kafka Streams defines it). An
    /// interval behind it closes once every counting partition has counted past it too, or when the stragglers have
    /// been waited for long enough (<see cref="GaveUpWaiting"/>).
    /// </summary>
    private long ReportTime()
    {
        var time = -1L;
        foreach (var through in _countedThrough.Values)
        {
            time = Math.Max(time, through);
        }

        return time;
    }

    /// <summary>How far every counting partition has got: the slowest one's progress; -1 while one has said nothing.</summary>
    private long CountedThrough()
    {
        var through = long.MaxValue;
        for (var partition = 0; partition < _countingPartitions; partition++)
        {
            through = Math.Min(through, _countedThrough.GetValueOrDefault(partition, -1));
        }

        return through;
    }

    private bool GaveUpWaiting(long wallNow) =>
        _incompleteSinceWallMs >= 0 && wallNow - _incompleteSinceWallMs >= (long)settings.SilenceAfter.TotalMilliseconds;

    /// <summary>Counting partitions that have not announced <paramref name="closeAt"/> yet, by partition number.</summary>
    private List<int> NotCountedThrough(long closeAt)
    {
        var missing = new List<int>();
        for (var partition = 0; partition < _countingPartitions; partition++)
        {
            if (_countedThrough.GetValueOrDefault(partition, -1) < closeAt)
            {
                missing.Add(partition);
            }
        }

        return missing;
    }

    private void ReportDue(long time, bool silent, long wallNow)
    {
        var grace = settings.Windows.GraceMs;
        for (var steps = 0; steps < MaxStepsPerCall; steps++)
        {
            // The first report starts at the earliest interval with a partial when it closes, not when the first
            // partial arrived: partials of an earlier interval may still come from a partition that is behind.
            if (_reportedThrough < 0 && _partials.Count == 0)
            {
                return;
            }

            var start = _reportedThrough >= 0 ? _reportedThrough : _partials.Keys.First();
            var end = start + settings.IntervalMs;
            if (end + grace > time)
            {
                _incompleteSinceWallMs = -1;
                return;
            }

            // Silence is already the wall clock's verdict; otherwise stragglers get SilenceAfter to catch up.
            var missing = NotCountedThrough(end + grace);
            if (missing.Count == 0)
            {
                _incompleteSinceWallMs = -1;
            }
            else if (!silent)
            {
                _incompleteSinceWallMs = _incompleteSinceWallMs < 0 ? wallNow : _incompleteSinceWallMs;
                if (!GaveUpWaiting(wallNow))
                {
                    return;
                }
            }

            var partials = _partials.TryGetValue(start, out var bySource) ? bySource.Values.ToList() : [];
            var report = ReportMerger.Merge(start, end, partials);
            var previous = _store.Get("s:previous") is { } previousBytes ? IntervalReport.FromUtf8Json(previousBytes) : null;
            var footer = new TrustFooter
            {
                SourcesExpected = _countingPartitions,
                SourcesReported = _countingPartitions - missing.Count,
                MissingPartitions = [.. missing.Select(p => p.ToString(CultureInfo.InvariantCulture))],
                MaxLag = settings.Health.MaxLag,
                RestoringPartitions = settings.Health.RestoringPartitions,
            };
            Enqueue(SummaryMessageBuilder.Build(report, previous, footer, settings.Summary));
            metrics.ReportSent();
            _store.Put("s:previous", report.ToUtf8Json());
            foreach (var source in bySource?.Keys ?? Enumerable.Empty<string>())
            {
                _store.Delete(Key("p", start, source));
            }

            _partials.Remove(start);
            _reportedThrough = end;
            _store.Put("s:reported-through", Long(_reportedThrough));
        }
    }

    private void JudgeClosedWindows(long watermark)
    {
        if (_alarmsThrough < 0 || watermark < 0)
        {
            return;
        }

        var windows = settings.Windows;
        for (var steps = 0; steps < MaxStepsPerCall; steps++)
        {
            var start = _alarmsThrough + windows.AdvanceMs;
            if (start + windows.SizeMs + windows.GraceMs > watermark)
            {
                return;
            }

            // Every rule sees every closed window, with 0 when nothing matched: that is how "below" sees silence
            // and how "above" resolves.
            foreach (var rule in settings.Rules.Rules)
            {
                var sum = _windows.TryGetValue((rule.Name, start), out var bySource) ? bySource.Values.Sum() : 0;
                Observe(rule, start, sum, closed: true);
                if (bySource is not null)
                {
                    foreach (var source in bySource.Keys)
                    {
                        _store.Delete(Key("w", start, source + "|" + rule.Name));
                    }

                    _windows.Remove((rule.Name, start));
                }
            }

            _alarmsThrough = start;
            _store.Put("s:alarms-through", Long(_alarmsThrough));
        }
    }

    private void Observe(AlarmRule rule, long windowStart, long count, bool closed)
    {
        var state = _alarms.GetValueOrDefault(rule.Name, AlarmState.Initial);
        var observation = new WindowObservation(windowStart, windowStart + settings.Windows.SizeMs, count, closed, WallClockTime);
        var (next, transition) = AlarmEvaluator.Evaluate(rule, state, observation);
        Save(rule.Name, rule.Severity, next, transition);
    }

    private void EvaluateBuiltins(long wallNow)
    {
        if (settings.Rules.PipelineStalled is { } stalled)
        {
            var state = _alarms.GetValueOrDefault(stalled.Name, AlarmState.Initial);
            var (next, transition) = StalledEvaluator.Evaluate(stalled, state, _lastInputWallMs, wallNow);
            Save(stalled.Name, stalled.Severity, next, transition);
        }

        if (settings.Rules.LagGrowing is { } lag)
        {
            var state = _alarms.GetValueOrDefault(lag.Name, AlarmState.Initial);
            var (next, transition) = LagTrendEvaluator.Evaluate(lag, state, settings.Health.LagHistory, wallNow);
            Save(lag.Name, lag.Severity, next, transition);
        }
    }

    private void Save(string rule, AlarmSeverity severity, AlarmState next, AlarmTransition? transition)
    {
        if (!_alarms.TryGetValue(rule, out var previous) || previous != next)
        {
            _alarms[rule] = next;
            _store.Put("a:" + rule, next.ToUtf8Json());
        }

        metrics.Alarm(rule, severity, next.Status == AlarmStatus.Firing);
        if (transition is not null)
        {
            Enqueue(AlarmMessageBuilder.Build(transition));
        }
    }

    private void Enqueue(SlackMessage message)
    {
        if (_store.Get("d:" + message.Id) is not null)
        {
            return; // delivered before a restart: the same decision, re-made, must not page again
        }

        _store.Put("o:" + message.Id, Encoding.UTF8.GetBytes(SlackMessageJson.ToJson(message)));
        _outbox[message.Id] = message;
        _context.Commit();
    }

    private void Deliver()
    {
        var now = Long(WallClockTime);
        foreach (var id in settings.Outbox.TakeCompleted())
        {
            if (_outbox.Remove(id))
            {
                _store.Delete("o:" + id);
                _store.Put("d:" + id, now);
                _context.Commit();
            }
        }

        var pending = _outbox.Values.ToList();
        metrics.OutboxPending(pending.Count);
        if (pending.Count > 0)
        {
            settings.Outbox.Offer(pending);
        }
    }

    private void Load()
    {
        foreach (var (key, value) in _store.All())
        {
            switch (key[..2])
            {
                case "p:":
                    var partial = ReportPartial.FromUtf8Json(value);
                    if (!_partials.TryGetValue(partial.IntervalStart, out var bySource))
                    {
                        bySource = new Dictionary<string, ReportPartial>(StringComparer.Ordinal);
                        _partials[partial.IntervalStart] = bySource;
                    }

                    bySource[partial.Source] = partial;
                    break;
                case "w:":
                    var parts = key[2..].Split(':', 2);
                    var start = long.Parse(parts[0], CultureInfo.InvariantCulture);
                    var sourceAndRule = parts[1].Split('|', 2);
                    if (!_windows.TryGetValue((sourceAndRule[1], start), out var counts))
                    {
                        counts = new Dictionary<string, long>(StringComparer.Ordinal);
                        _windows[(sourceAndRule[1], start)] = counts;
                    }

                    counts[sourceAndRule[0]] = BinaryPrimitives.ReadInt64BigEndian(value);
                    break;
                case "a:":
                    _alarms[key[2..]] = AlarmState.FromUtf8Json(value);
                    break;
                case "o:":
                    var message = SlackMessageJson.FromJson(Encoding.UTF8.GetString(value));
                    _outbox[message.Id] = message;
                    break;
                case "s:":
                    LoadSetting(key, value);
                    break;
                case "c:":
                    _countedThrough[int.Parse(key[2..], CultureInfo.InvariantCulture)] = BinaryPrimitives.ReadInt64BigEndian(value);
                    break;
            }
        }
    }

    private void LoadSetting(string key, byte[] value)
    {
        switch (key)
        {
            case "s:reported-through":
                _reportedThrough = BinaryPrimitives.ReadInt64BigEndian(value);
                break;
            case "s:alarms-through":
                _alarmsThrough = BinaryPrimitives.ReadInt64BigEndian(value);
                break;
        }
    }

    private static string Key(string kind, long time, string rest) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{time}:{rest}");

    private static byte[] Long(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
