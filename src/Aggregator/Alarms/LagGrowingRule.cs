namespace Aggregator.Alarms;

/// <summary>The compiled built-in LagGrowing alarm (see <see cref="LagTrendEvaluator"/>).</summary>
internal sealed record LagGrowingRule
{
    public string Name { get; init; } = BuiltinAlarmOptions.LagGrowingName;

    /// <summary>Samples of the last <c>LagWindow</c> are judged.</summary>
    public TimeSpan LagWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The latest lag must be at least this.</summary>
    public long MinLag { get; init; } = 1000;

    /// <summary>Samples needed in the window before a partition is judged.</summary>
    public int MinSamples { get; init; } = 3;

    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(10);

    public AlarmSeverity Severity { get; init; } = AlarmSeverity.Warning;

    public string? Runbook { get; init; }

    public static LagGrowingRule From(LagGrowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LagGrowingRule
        {
            LagWindow = options.LagWindow,
            MinLag = options.MinLag,
            MinSamples = options.MinSamples,
            Cooldown = options.Cooldown,
            Severity = AlarmSeverities.Parse(options.Severity),
            Runbook = options.Runbook,
        };
    }
}
