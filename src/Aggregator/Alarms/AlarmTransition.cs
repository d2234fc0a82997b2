namespace Aggregator.Alarms;

/// <summary>
/// An alarm fired or resolved: everything <see cref="AlarmMessageBuilder"/> needs to write the message, taken from
/// the rule and the observation when it happened, so the message can be built (and rebuilt) without them.
/// </summary>
internal sealed record AlarmTransition
{
    public required AlarmTransitionKind Kind { get; init; }

    public required AlarmSource Source { get; init; }

    public required string Rule { get; init; }

    public required AlarmSeverity Severity { get; init; }

    /// <summary>The incident (see <see cref="AlarmState.Incident"/>); a fire and its resolve share it.</summary>
    public required long Incident { get; init; }

    /// <summary>When the incident fired, epoch ms.</summary>
    public required long FiringSince { get; init; }

    /// <summary>When this transition happened (the observation's time), epoch ms; equals <see cref="FiringSince"/> for a fire.</summary>
    public required long At { get; init; }

    /// <summary>What is counted or watched, in words ("error events on /checkout/**").</summary>
    public required string Subject { get; init; }

    /// <summary>Threshold rules: the exact type matched, if any.</summary>
    public string? MatchType { get; init; }

    /// <summary>Threshold rules: the path glob matched, if any.</summary>
    public string? MatchPath { get; init; }

    public string? Runbook { get; init; }

    /// <summary>Threshold rules: the breached threshold's direction.</summary>
    public AlarmDirection? Direction { get; init; }

    /// <summary>Threshold rules: the window's count (fire: the window that fired; resolve: the window that cleared).</summary>
    public long? Value { get; init; }

    /// <summary>Threshold rules: the threshold in <see cref="Direction"/>.</summary>
    public long? Threshold { get; init; }

    /// <summary>Threshold rules: consecutive breaching windows that fired (the rule's <c>For</c>).</summary>
    public int Windows { get; init; }

    public long? WindowStart { get; init; }

    public long? WindowEnd { get; init; }

    /// <summary>Whether the window's count was final when observed (an Above rule can fire on an open window).</summary>
    public bool WindowClosed { get; init; }

    /// <summary>Resolve of a threshold rule: the most extreme breaching count of the incident.</summary>
    public long? Peak { get; init; }

    /// <summary>PipelineStalled: the last input record's time (fire: before the silence; resolve: the one that ended it).</summary>
    public long? LastInputAt { get; init; }

    /// <summary>PipelineStalled: when the silence began (the last input before it).</summary>
    public long? SilentSince { get; init; }

    /// <summary>PipelineStalled: the configured limit.</summary>
    public TimeSpan? StalledAfter { get; init; }

    /// <summary>LagGrowing: the partitions concerned, with their latest lag (fire) or as named when firing (resolve).</summary>
    public IReadOnlyList<PartitionLag> Partitions { get; init; } = [];

    /// <summary>LagGrowing: how many partitions had samples, for "2 of 6 partitions".</summary>
    public int PartitionsObserved { get; init; }

    /// <summary>How long the incident lasted (resolve), else zero.</summary>
    public TimeSpan Duration => TimeSpan.FromMilliseconds(Math.Max(0, At - FiringSince));
}
