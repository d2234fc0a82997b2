using Aggregator.Alarms;

namespace Aggregator.Tests.Alarms;

/// <summary>Rules, windows and runs for the alarm tests. Minute m means 2026-11-21 10:00 UTC + m minutes.</summary>
internal static class AlarmTestData
{
    public const long Minute = 60_000;

    public static readonly long T0 = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static long At(double minute) => T0 + (long)(minute * Minute);

    public static AlarmRule AboveRule(long above, int @for = 1, TimeSpan? cooldown = null, long? below = null) =>
        new("checkout-errors", AlarmRuleKind.Events, "error", PathGlob.Parse("/checkout/**"), above, below, @for,
            cooldown ?? TimeSpan.FromMinutes(10), AlarmSeverity.Critical, "https://runbooks.example.com/checkout");

    public static AlarmRule BelowRule(long below, int @for = 1, TimeSpan? cooldown = null) =>
        new("no-purchases", AlarmRuleKind.Events, "purchase", null, null, below, @for, cooldown ?? TimeSpan.FromMinutes(10));

    /// <summary>The 5-minute window starting at <paramref name="minute"/>, still open, seen at <paramref name="seenAt"/> (default: a minute in).</summary>
    public static WindowObservation Open(int minute, long count, double? seenAt = null) =>
        new(At(minute), At(minute + 5), count, IsClosed: false, At(seenAt ?? minute + 1));

    /// <summary>The 5-minute window starting at <paramref name="minute"/>, closed, seen at <paramref name="seenAt"/> (default: its end plus a minute of grace).</summary>
    public static WindowObservation Closed(int minute, long count, double? seenAt = null) =>
        new(At(minute), At(minute + 5), count, IsClosed: true, At(seenAt ?? minute + 6));

    /// <summary>Evaluates the observations in order; returns the final state and every transition.</summary>
    public static (AlarmState State, List<AlarmTransition> Transitions) Run(AlarmRule rule, AlarmState state, IEnumerable<WindowObservation> observations)
    {
        var transitions = new List<AlarmTransition>();
        foreach (var observation in observations)
        {
            (state, var transition) = AlarmEvaluator.Evaluate(rule, state, observation);
            if (transition is not null)
            {
                transitions.Add(transition);
            }
        }

        return (state, transitions);
    }

    public static (AlarmState State, List<AlarmTransition> Transitions) Run(AlarmRule rule, params WindowObservation[] observations) =>
        Run(rule, AlarmState.Initial, observations);

    public static string Json(AlarmState state) => System.Text.Encoding.UTF8.GetString(state.ToUtf8Json());
}
