namespace Aggregator.Alarms;

/// <summary>The compiled built-in PipelineStalled alarm (see <see cref="StalledEvaluator"/>).</summary>
internal sealed record StalledRule
{
    public string Name { get; init; } = BuiltinAlarmOptions.PipelineStalledName;

    /// <summary>Fire after this long (wall-clock) without any input record.</summary>
    public TimeSpan StalledAfter { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(10);

    public AlarmSeverity Severity { get; init; } = AlarmSeverity.Critical;

    public string? Runbook { get; init; }

    public static StalledRule From(PipelineStalledOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StalledRule
        {
            StalledAfter = options.StalledAfter,
            Cooldown = options.Cooldown,
            Severity = AlarmSeverities.Parse(options.Severity),
            Runbook = options.Runbook,
        };
    }
}
