namespace Aggregator.Alarms;

/// <summary>
/// The built-in PipelineStalled alarm, pure: fires when no input record arrived for
/// <see cref="StalledRule.StalledAfter"/> of wall-clock time, resolves (once) when input arrives again.
/// </summary>
/// <remarks>
/// Wall-clock time, not stream time: when nothing arrives, stream time stands still and cannot tell. The caller
/// passes the time of the last input record (at start-up, before any record: the start time, so a pipeline that
/// never receives anything alarms too) and now. The cooldown runs from the last resolve, as for threshold rules;
/// the same inputs always give the same result.
/// </remarks>
internal static class StalledEvaluator
{
    public static (AlarmState Next, AlarmTransition? Transition) Evaluate(StalledRule rule, AlarmState state, long lastInputAtMs, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(state);
        var stalled = nowMs - lastInputAtMs >= (long)rule.StalledAfter.TotalMilliseconds;
        if (state.Status == AlarmStatus.Firing)
        {
            if (stalled)
            {
                return (state, null);
            }

            var resolved = state with { Status = AlarmStatus.Ok, LastResolvedAt = nowMs };
            return (resolved, Transition(rule, resolved, AlarmTransitionKind.Resolved, lastInputAtMs, nowMs));
        }

        if (!stalled || !AlarmIncidents.CooldownOver(state, rule.Cooldown, nowMs))
        {
            return (state, null);
        }

        var fired = state with
        {
            Status = AlarmStatus.Firing,
            Incident = AlarmIncidents.Next(state.Incident, lastInputAtMs),
            FiringSince = nowMs,
            ConditionSince = lastInputAtMs,
        };
        return (fired, Transition(rule, fired, AlarmTransitionKind.Fired, lastInputAtMs, nowMs));
    }

    private static AlarmTransition Transition(StalledRule rule, AlarmState state, AlarmTransitionKind kind, long lastInputAtMs, long nowMs) => new()
    {
        Kind = kind,
        Source = AlarmSource.PipelineStalled,
        Rule = rule.Name,
        Severity = rule.Severity,
        Incident = state.Incident,
        FiringSince = state.FiringSince ?? nowMs,
        At = nowMs,
        Subject = "input records",
        Runbook = rule.Runbook,
        LastInputAt = lastInputAtMs,
        SilentSince = state.ConditionSince,
        StalledAfter = rule.StalledAfter,
    };
}
