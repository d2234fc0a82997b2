using Aggregator.Alarms;

namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// Every alarm's state (threshold rules and the built-ins), kept in the store so a restart neither forgets a firing
/// alarm nor pages twice; each transition (fire, resolve) becomes a Slack message in the <see cref="MergerOutbox"/>.
/// </summary>
internal sealed class AlarmJudge(ReportingSettings settings, IReportingStore store, MergerOutbox outbox)
{
    private readonly Dictionary<string, AlarmState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlarmRule> _rules = ByName(settings.Rules.Rules);

    public void Restore(string rule, AlarmState state) => _states[rule] = state;

    public bool TryGetRule(string name, out AlarmRule rule) => _rules.TryGetValue(name, out rule!);

    /// <summary>
    /// Judges <paramref name="rule"/> on a window's count so far (<paramref name="closed"/>: final). "Above" fires as
    /// soon as an open window crosses it, without waiting for the window to close.
    /// </summary>
    public void Observe(AlarmRule rule, long windowStart, long count, bool closed, long wallNow)
    {
        var state = _states.GetValueOrDefault(rule.Name, AlarmState.Initial);
        var observation = new WindowObservation(windowStart, windowStart + settings.Windows.SizeMs, count, closed, wallNow);
        var (next, transition) = AlarmEvaluator.Evaluate(rule, state, observation);
        Save(rule.Name, rule.Severity, next, transition);
    }

    /// <summary>The built-ins, judged on the wall clock: pipeline stalled (no input since <paramref name="lastInputMs"/>), lag growing.</summary>
    public void EvaluateBuiltins(long lastInputMs, long wallNow)
    {
        if (settings.Rules.PipelineStalled is { } stalled)
        {
            var state = _states.GetValueOrDefault(stalled.Name, AlarmState.Initial);
            var (next, transition) = StalledEvaluator.Evaluate(stalled, state, lastInputMs, wallNow);
            Save(stalled.Name, stalled.Severity, next, transition);
        }

        if (settings.Rules.LagGrowing is { } lag)
        {
            var state = _states.GetValueOrDefault(lag.Name, AlarmState.Initial);
            var (next, transition) = LagTrendEvaluator.Evaluate(lag, state, settings.Health.LagHistory, wallNow);
            Save(lag.Name, lag.Severity, next, transition);
        }
    }

    private void Save(string rule, AlarmSeverity severity, AlarmState next, AlarmTransition? transition)
    {
        if (!_states.TryGetValue(rule, out var previous) || previous != next)
        {
            _states[rule] = next;
            store.Put(MergerKey.Alarm(rule).Encode(), next.ToUtf8Json());
        }

        settings.Metrics.Alarm(rule, severity, next.Status == AlarmStatus.Firing);
        if (transition is not null)
        {
            outbox.Enqueue(AlarmMessageBuilder.Build(transition));
        }
    }

    private static Dictionary<string, AlarmRule> ByName(IReadOnlyList<AlarmRule> rules)
    {
        var byName = new Dictionary<string, AlarmRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            byName.TryAdd(rule.Name, rule); // the first of a name, as the merger always took
        }

        return byName;
    }
}
