using System.Text.Json;

namespace Aggregator.Alarms;

/// <summary>
/// The persisted state of one alarm rule (threshold rules: per rule, not per key — the count is the sum over all
/// matching keys). Immutable and serializable (<see cref="ToUtf8Json"/>) so it can live in a state store; the
/// evaluators return a new state with every observation.
/// </summary>
internal sealed record AlarmState
{
    public static AlarmState Initial { get; } = new();

    public AlarmStatus Status { get; init; } = AlarmStatus.Ok;

    /// <summary>
    /// Number of the current or last incident; increases with every fire and is part of the message ids. It is
    /// the UTC minute (minutes since 1970) at which the condition began — the start of the window that fired, or
    /// the last input before a stall — or the previous incident plus one if that is not larger. Deriving it from
    /// the data rather than counting means that even a rule whose state was lost and rebuilt from the same
    /// observations gets the same id again, and never the id of an older, different incident.
    /// </summary>
    public long Incident { get; init; }

    /// <summary>When the current or last incident fired (the observation's time), epoch ms.</summary>
    public long? FiringSince { get; init; }

    /// <summary>
    /// When the condition of the current or last incident began, epoch ms: for threshold rules the start of the
    /// window that fired; for PipelineStalled the last input before the silence; for LagGrowing the first sample of
    /// the growing trend.
    /// </summary>
    public long? ConditionSince { get; init; }

    /// <summary>Which threshold the current or last incident breached (threshold rules).</summary>
    public AlarmDirection? Direction { get; init; }

    /// <summary>The longest run of consecutive breaching windows since the last window that closed without breaching.</summary>
    public int ConsecutiveBreaches { get; init; }

    /// <summary>The newest window start observed.</summary>
    public long? LastWindowStart { get; init; }

    /// <summary>The count of the newest window observed (threshold rules); the largest lag (LagGrowing).</summary>
    public long? LastValue { get; init; }

    /// <summary>The most extreme count of a breaching window since the incident fired (highest above, lowest below).</summary>
    public long? PeakValue { get; init; }

    /// <summary>When the last incident resolved (the observation's time), epoch ms; the cooldown runs from here.</summary>
    public long? LastResolvedAt { get; init; }

    /// <summary>LagGrowing: the partitions whose lag grew during the current or last incident.</summary>
    public IReadOnlyList<string> Partitions { get; init; } = [];

    /// <summary>Threshold rules: the recent windows (a bounded history, oldest first).</summary>
    public IReadOnlyList<WindowMark> Windows { get; init; } = [];

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, AlarmsJsonContext.Default.AlarmState);

    /// <exception cref="JsonException">Not an alarm state.</exception>
    public static AlarmState FromUtf8Json(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, AlarmsJsonContext.Default.AlarmState)
        ?? throw new JsonException("Expected an alarm state, found null.");
}
