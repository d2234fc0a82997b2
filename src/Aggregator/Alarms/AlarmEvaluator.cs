namespace Aggregator.Alarms;

/// <summary>
/// The state machine of a threshold rule: a pure function from (rule, state, observation) to the next state and
/// at most one transition. Nothing else is read — no clock, no I/O — so it is tested with plain values and a
/// restarted merger that restores the state and replays observations ends in the same place without paging again.
/// </summary>
/// <remarks>
/// <para>The state remembers, per recent window (by start), the largest count observed and whether the window was
/// seen closed (<see cref="WindowMark"/>); an observation only ever raises these. Each window then is:</para>
/// <list type="bullet">
/// <item><b>breaching</b>: its count is above <c>Above</c> — open or closed, so an Above rule fires as soon as a
/// window's count crosses the threshold without waiting for the close — or it is closed with a count below
/// <c>Below</c> (an open window's count can still grow, so Below is judged only on closed windows);</item>
/// <item><b>clear</b>: closed and not breaching;</item>
/// <item><b>pending</b>: open and not (yet) breaching.</item>
/// </list>
/// <para><b>Fire</b> (Ok → Firing): <c>For</c> windows with consecutive starts (exactly one window advance apart)
/// are all breaching, after the latest clear window; and the cooldown has passed since the last resolve, measured
/// on <see cref="WindowObservation.ObservedAtMs"/>. A breach during the cooldown fires at the first observation
/// after it if the breach still stands (no clear window since). A run interrupted by a pending or missing window
/// is not consecutive — it may become so once that window breaches.</para>
/// <para><b>Resolve</b> (Firing → Ok), once: a clear window starts after every breaching window known (and after the
/// window that fired). For Above: a closed window not above, with no later window above so far; for Below: a
/// closed window not below. Hopping windows overlap, so while a burst goes on the later, still open windows stay
/// above and hold the resolve back.</para>
/// <para><b>No repeat</b>: while firing, further breaching windows change only the peak. After a resolve, breaches in
/// windows up to the clearing one can never fire again (the clear window comes after them).</para>
/// <para><b>Idempotent and order-insensitive</b>: evaluating an observation already reflected in the state returns an
/// equal state and no transition; observations may arrive out of order by several windows. History is bounded to
/// <c>For</c> + <see cref="ExtraWindows"/> windows before the newest; observations of older windows are ignored.</para>
/// <para>The caller must observe every closed window for every rule, with count 0 when nothing matched: that is how
/// an Above alarm resolves after the traffic stops, and how a Below alarm sees silence.</para>
/// </remarks>
internal static class AlarmEvaluator
{
    /// <summary>
    /// Windows remembered beyond <c>For</c>: the windows still open ((size + grace) / advance, 5–10 with the
    /// defaults) plus room for observations arriving out of order.
    /// </summary>
    public const int ExtraWindows = 30;

    public static (AlarmState Next, AlarmTransition? Transition) Evaluate(AlarmRule rule, AlarmState state, WindowObservation observation)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(state);
        if (observation.WindowEnd <= observation.WindowStart)
        {
            throw new ArgumentException("A window ends after it starts.", nameof(observation));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(observation.Count, nameof(observation));

        var horizon = (rule.For + ExtraWindows) * rule.WindowAdvanceMs;
        var newest = Math.Max(state.LastWindowStart ?? long.MinValue, observation.WindowStart);
        if (observation.WindowStart <= newest - horizon)
        {
            return (state, null); // older than anything that can still matter
        }

        var windows = Record(state.Windows, observation, newest - horizon);
        var analysis = WindowAnalysis.Of(rule, windows);
        var next = state with
        {
            Windows = windows,
            LastWindowStart = newest,
            LastValue = windows[^1].Count,
            ConsecutiveBreaches = analysis.LongestRun,
        };

        return state.Status == AlarmStatus.Firing
            ? WhileFiring(rule, next, analysis, observation.ObservedAtMs)
            : WhileOk(rule, next, analysis, observation.ObservedAtMs);
    }

    private static (AlarmState, AlarmTransition?) WhileOk(AlarmRule rule, AlarmState state, WindowAnalysis analysis, long nowMs)
    {
        if (analysis.Trigger is not { } trigger || !AlarmIncidents.CooldownOver(state, rule.Cooldown, nowMs))
        {
            return (state, null);
        }

        var direction = rule.Breach(trigger.Count, trigger.Closed)!.Value;
        var since = analysis.FirstRunStart!.Value;
        var fired = state with
        {
            Status = AlarmStatus.Firing,
            Incident = AlarmIncidents.Next(state.Incident, since),
            FiringSince = nowMs,
            ConditionSince = since,
            Direction = direction,
            PeakValue = analysis.Extreme(direction),
        };
        return (fired, Transition(rule, fired, AlarmTransitionKind.Fired, trigger, nowMs) with { Windows = analysis.TriggerRun });
    }

    private static (AlarmState, AlarmTransition?) WhileFiring(AlarmRule rule, AlarmState state, WindowAnalysis analysis, long nowMs)
    {
        var direction = state.Direction ?? AlarmDirection.Above;
        var peak = Extremest(direction, state.PeakValue, analysis.Extreme(direction));
        state = state with { PeakValue = peak };
        var clear = analysis.LatestClear;
        if (clear is null
            || clear.Start <= (analysis.LatestBreach?.Start ?? long.MinValue)
            || clear.Start <= (state.ConditionSince ?? long.MinValue))
        {
            return (state, null);
        }

        var resolved = state with { Status = AlarmStatus.Ok, LastResolvedAt = nowMs };
        return (resolved, Transition(rule, resolved, AlarmTransitionKind.Resolved, clear, nowMs) with { Peak = peak });
    }

    private static AlarmTransition Transition(AlarmRule rule, AlarmState state, AlarmTransitionKind kind, WindowMark window, long nowMs)
    {
        var direction = state.Direction ?? AlarmDirection.Above;
        return new AlarmTransition
        {
            Kind = kind,
            Source = AlarmSource.Threshold,
            Rule = rule.Name,
            Severity = rule.Severity,
            Incident = state.Incident,
            FiringSince = state.FiringSince ?? nowMs,
            At = nowMs,
            Subject = rule.Subject,
            MatchType = rule.Type,
            MatchPath = rule.Path?.Pattern,
            Runbook = rule.Runbook,
            Direction = direction,
            Value = window.Count,
            Threshold = rule.Threshold(direction),
            WindowStart = window.Start,
            WindowEnd = window.End,
            WindowClosed = window.Closed,
        };
    }

    // Merges the observation into the history (largest count, closed once seen closed), oldest first, and forgets
    // windows at or before the cutoff.
    private static WindowMark[] Record(IReadOnlyList<WindowMark> windows, WindowObservation observation, long cutoff)
    {
        var result = new List<WindowMark>(windows.Count + 1);
        var recorded = false;
        foreach (var window in windows)
        {
            if (!recorded && observation.WindowStart <= window.Start)
            {
                recorded = true;
                if (observation.WindowStart == window.Start)
                {
                    result.Add(window with { Count = Math.Max(window.Count, observation.Count), Closed = window.Closed || observation.IsClosed });
                    continue;
                }

                result.Add(new WindowMark(observation.WindowStart, observation.WindowEnd, observation.Count, observation.IsClosed));
            }

            result.Add(window);
        }

        if (!recorded)
        {
            result.Add(new WindowMark(observation.WindowStart, observation.WindowEnd, observation.Count, observation.IsClosed));
        }

        result.RemoveAll(w => w.Start <= cutoff);
        return [.. result];
    }

    private static long? Extremest(AlarmDirection direction, long? a, long? b) =>
        (a, b) switch
        {
            (null, _) => b,
            (_, null) => a,
            _ => direction == AlarmDirection.Above ? Math.Max(a.Value, b.Value) : Math.Min(a.Value, b.Value),
        };
}
