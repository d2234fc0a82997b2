using System.Text;
using Aggregator.Alarms;
using Aggregator.Slack;

namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// The report merger without a stream runtime: turns every task's partials, alarm-window counts and progress into
/// one summary per report interval and alarm decisions, through a durable outbox. Everything it knows and decides
/// is in one <see cref="IReportingStore"/> (a store with a changelog), so a restart or failover neither forgets a
/// firing alarm nor pages twice, and no decided message is lost.
/// </summary>
/// <remarks>
/// The adapter's contract (see <c>ReportMergerProcessor</c>): construct it in the processor's init, once the store is
/// available (it loads the store); call <see cref="Process"/> for every record, <see cref="Tick"/> every
/// <see cref="TickInterval"/> of wall-clock time, <see cref="Close"/> when the task closes. Wall-clock time is
/// <see cref="ReportingSettings.Time"/>; <c>requestCommit</c> asks the runtime to commit soon (a decided message is
/// durable only once committed). It runs on one thread: the runtime's, for its one task.
/// </remarks>
internal sealed class ReportMergerCore
{
    /// <summary>How often the adapter calls <see cref="Tick"/>: deliveries, built-in alarms and silence are judged there.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly MergerOutbox _outbox;
    private readonly IntervalCompleteness _completeness;
    private readonly ReportClock _clock;
    private readonly IntervalReporter _reporter;
    private readonly AlarmWindows _windows;
    private readonly AlarmJudge _alarms;
    private long _lastInputMs;

    /// <param name="settings">Intervals, windows, rules, delivery, health, metrics and the wall clock (<see cref="ReportingSettings.Time"/>).</param>
    /// <param name="store">The merger's store; read whole here, so construct the core once the runtime has restored it.</param>
    /// <param name="countingPartitions">Partitions of the counting stage: each one's progress an interval waits for.</param>
    /// <param name="requestCommit">Asks the runtime to commit soon: a decided message is durable only once committed.</param>
    public ReportMergerCore(ReportingSettings settings, IReportingStore store, int countingPartitions, Action requestCommit)
    {
        _time = settings.Time;
        var now = WallNow();
        _outbox = new MergerOutbox(settings.Outbox, store, settings.Metrics, requestCommit);
        _completeness = new IntervalCompleteness(countingPartitions, settings.SilenceAfter, store);
        _clock = new ReportClock(settings.SilenceAfter, now);
        _reporter = new IntervalReporter(settings, store, _completeness, _outbox);
        _windows = new AlarmWindows(settings, store);
        _alarms = new AlarmJudge(settings, store, _outbox);
        _lastInputMs = now;
        Restore(store);
    }

    public void Process(ReportingRecord record)
    {
        var now = WallNow();
        if (record.Interval is { } partial && _reporter.Accept(partial))
        {
            _lastInputMs = now;
        }

        if (record.Window is { } window && _windows.Accept(window) is { } sum && _alarms.TryGetRule(window.Rule, out var rule))
        {
            _alarms.Observe(rule, window.WindowStart, sum, closed: false, now);
        }

        if (record.Progress is { } progress)
        {
            _completeness.Announce(progress);
        }

        Advance(now);
    }

    /// <summary>The periodic wall-clock work: silence, built-in alarms, handing messages to delivery.</summary>
    public void Tick()
    {
        var now = WallNow();
        Advance(now);
        _alarms.EvaluateBuiltins(_lastInputMs, now);
        _outbox.Deliver(now);
    }

    /// <summary>The task is closing: what is queued but not yet sending is left to the next owner.</summary>
    public void Close() => _outbox.Release();

    private void Advance(long now)
    {
        var (time, silent) = _clock.Observe(_completeness.Watermark, now);
        _reporter.ReportDue(time, silent, now);
        _windows.JudgeClosed(_completeness.AlarmsThrough(now), _alarms, now);
    }

    private long WallNow() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Restore(IReportingStore store)
    {
        foreach (var (key, value) in store.All())
        {
            if (!MergerKey.TryDecode(key, out var decoded))
            {
                continue;
            }

            switch (decoded.Kind)
            {
                case MergerKeyKind.Partial:
                    _reporter.Restore(decoded, value);
                    break;
                case MergerKeyKind.Window:
                    _windows.Restore(decoded, StoreValues.ReadLong(value));
                    break;
                case MergerKeyKind.Alarm:
                    _alarms.Restore(decoded.Name, AlarmState.FromUtf8Json(value));
                    break;
                case MergerKeyKind.Outbox:
                    _outbox.Restore(SlackMessageJson.FromJson(Encoding.UTF8.GetString(value)));
                    break;
                case MergerKeyKind.Setting when decoded.Name == MergerKey.Settings.AlarmsThrough:
                    _windows.RestoreJudgedThrough(StoreValues.ReadLong(value));
                    break;
                case MergerKeyKind.Setting:
                    _reporter.Restore(decoded, value);
                    break;
                case MergerKeyKind.StageThrough:
                    _completeness.Restore(decoded.Stage, decoded.Partition, StoreValues.ReadLong(value));
                    break;
            }
        }
    }
}
