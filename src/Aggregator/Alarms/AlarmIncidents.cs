namespace Aggregator.Alarms;

/// <summary>Numbering of incidents and the cooldown rule, shared by the evaluators.</summary>
internal static class AlarmIncidents
{
    private const long MinuteMs = 60_000;

    /// <summary>
    /// The next incident number: the UTC minute at which the condition began, or the previous number plus one if
    /// that is not larger (see <see cref="AlarmState.Incident"/>).
    /// </summary>
    public static long Next(long previous, long conditionSinceMs) =>
        Math.Max(previous + 1, Math.Max(0, conditionSinceMs) / MinuteMs);

    /// <summary>Whether a new fire is allowed at <paramref name="nowMs"/>: no resolve yet, or the cooldown has passed since it.</summary>
    public static bool CooldownOver(AlarmState state, TimeSpan cooldown, long nowMs) =>
        state.LastResolvedAt is not { } resolved || nowMs - resolved >= (long)cooldown.TotalMilliseconds;
}
